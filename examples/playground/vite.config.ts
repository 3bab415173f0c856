import { defineConfig } from "vite";

// Cross-origin isolation lets the VM's host memory be a shared WebAssembly.Memory, which grows without
// detaching buffers (a detach slows every later typed-array access in the worker). A static host that
// cannot send these headers still works (on a plain memory where the browser then refuses shared ones).
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// base "./": the built site works from any directory of any static file server (or a subpath).
export default defineConfig({
  base: "./",
  worker: { format: "es" },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  server: { headers: isolation },
  preview: { headers: isolation },
});

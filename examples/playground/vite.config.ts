import { defineConfig } from "vite";

// base "./": the built site works from any directory of any static file server (or a subpath).
export default defineConfig({
  base: "./",
  worker: { format: "es" },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
});

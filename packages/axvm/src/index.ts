// Not yet implemented: this barrel holds the package's place in the workspace.
export {};

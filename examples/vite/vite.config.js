// `vite build` writes the page to dist/; `vite build --ssr ssr.ts` writes the server entry to
// dist-ssr/ (consent-banner stays an external import there, as it would in a real server build).
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  root: import.meta.dirname,
  build: {
    outDir: isSsrBuild ? "dist-ssr" : "dist",
    emptyOutDir: true,
  },
}));

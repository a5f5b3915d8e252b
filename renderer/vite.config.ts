// Builds the renderer into dist/renderer with relative URLs so the Electron shell can load it
// from disk and the test bridge can serve it from any loopback port.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // No inline scripts or data: modules anywhere: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // V8's explicit compile hint, on the file's first line (so added after minification):
        // compile every function while the script streams in, on a background thread, instead
        // of lazily on the main thread the first time each runs (which put ~20 ms of compiling
        // between pressing Unlock and the first timeline rows).
        postBanner: '//# allFunctionsCalledOnLoad',
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});

import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Fontsource names a WOFF beside each WOFF2 slice of BIZ UDゴシック; every browser the editor supports reads WOFF2,
 * so the stylesheet, which the page waits for before it runs, names only those: half its size, and no WOFF copies
 * in the bundle.
 */
const woff2Only: Plugin = {
  name: 'pia-woff2-only',
  enforce: 'pre',
  transform(code, id) {
    if (!/[\\/]@fontsource[\\/].*\.css$/.test(id)) return undefined;
    return code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, '');
  },
};

/** The web editor: ui/ is the page root, the bundle goes to ui/dist, which the fastify server serves. */
export default defineConfig({
  root: fileURLToPath(new URL('./ui', import.meta.url)),
  base: '/',
  plugins: [woff2Only],
  // Always lit's production build: vitest runs the build with NODE_ENV=test, which would pick lit's dev mode.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ajv, the schemas and lit make one chunk of ~400 kB; splitting it would only add round trips on loopback.
    chunkSizeWarningLimit: 1500,
    // Font slices stay files: the Content-Security-Policy (font-src 'self') refuses data: URLs, so an inlined small
    // slice was never drawn.
    assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
  },
  // The validation worker (ui/validation/worker.ts) is an ES module like the page.
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

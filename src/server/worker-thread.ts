/**
 * Starting a worker thread of the server (the PDF renderer, the JSON body parser) from the server bundle or from
 * the sources alike.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM API as an import would resolve it (its CommonJS variant cannot register the loader in a worker). */
const tsxLoaderUrl = (): string => {
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = manifest.exports['./esm/api']!.import.default;
  return pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), api)).href;
};

/**
 * In the server bundle a worker is an entry of its own beside it (`bundled`, scripts/build.mjs). From the sources
 * (tsx, vitest) it is TypeScript (`source`, beside this file), which a worker only loads once tsx's loader is
 * registered in it (Node 20 does not pass `--import tsx` on).
 */
export const startWorker = (bundled: string, source: string): Worker => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${bundled}`, import.meta.url));
  const tsx = tsxLoaderUrl();
  const entry = new URL(`./${source}`, import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true });
};

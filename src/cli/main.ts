/**
 * The `pia` executable (bin/pia.js runs its bundle, or this file through tsx): the process's output and environment. The clock is
 * the system's, which `run` supplies with the command (importing the use cases here would load them for `--help`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './index.js';

/**
 * The bundle (dist/pia-<content hash>.cjs, scripts/build.mjs) keeps parsed assessments in a folder of its own build,
 * which the next build removes; the sources run through tsx keep none, since they may change at any moment.
 */
const bundle = import.meta.url.endsWith('.cjs') ? fileURLToPath(import.meta.url) : undefined;
const yamlCacheDir = bundle && path.join(path.dirname(bundle), 'pia-cache', `yaml-${path.basename(bundle, '.cjs')}`);

// A reader that stops early (pia show | head) closes the pipe; the output left has nowhere to go, which is not a
// failure of the command: end quietly with the status the command would have had.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

// exitCode rather than process.exit(): exiting at once would cut off output still queued for a pipe (pia show | less).
// No top-level await: the bundle is a CommonJS script (scripts/build.mjs), and `run` turns every failure into a code.
void run(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: '.',
  env: process.env,
  columns: process.stdout.columns ?? 140,
  ...(yamlCacheDir ? { yamlCacheDir } : {}),
}).then((code) => {
  process.exitCode = code;
});

/**
 * The `pia` executable (bin/pia.js runs this, or its bundle): the process's output and environment. The clock is
 * the system's, which `run` supplies with the command (importing the use cases here would load them for `--help`).
 */
import { run } from './index.js';

// A reader that stops early (pia show | head) closes the pipe; the output left has nowhere to go, which is not a
// failure of the command: end quietly with the status the command would have had.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

// exitCode rather than process.exit(): exiting at once would cut off output still queued for a pipe (pia show | less).
process.exitCode = await run(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: '.',
  env: process.env,
  columns: process.stdout.columns ?? 140,
});

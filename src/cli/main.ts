/** The `pia` executable (bin/pia.js runs this, or its bundle): the process's output, environment and clock. */
import { systemClock } from '../workflows/index.js';
import { run } from './index.js';

// exitCode rather than process.exit(): exiting at once would cut off output still queued for a pipe (pia show | less).
process.exitCode = await run(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: '.',
  env: process.env,
  clock: systemClock,
  columns: process.stdout.columns ?? 140,
});

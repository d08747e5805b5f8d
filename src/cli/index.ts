/** Public API of the `pia` command: run it in-process with your own output, environment and clock. */
export { run, USAGE } from './run.js';
export type { CliIo } from './io.js';

import { buildUi } from './support.js';

/** The browser tests open the bundle the server serves, so it must be fresh: build it once per run. */
export default async function setup(): Promise<void> {
  await buildUi();
}

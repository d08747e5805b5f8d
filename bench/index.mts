/**
 * npm run bench — the figures the issues ask for, one module per area, then the process's peak memory.
 */
import { benchCheck } from './check.mjs';
import { benchCold } from './cold.mjs';
import { benchLoad } from './load.mjs';
import { benchPortfolio } from './portfolio.mjs';
import { benchRender } from './render.mjs';
import { benchRevisions } from './revisions.mjs';
import { benchRobustness } from './robustness.mjs';
import { benchServer } from './server.mjs';
import { benchTagged } from './tagged.mjs';
import { benchTeam } from './team.mjs';
import { benchStart } from './start.mjs';
import { sampleMemory } from './support.mjs';
import { benchUi } from './ui.mjs';

await benchLoad();
await benchCheck();
await benchRevisions();
await benchRender();
await benchCold();
await benchTagged();
await benchServer();
await benchTeam();
await benchStart();
await benchPortfolio();
await benchRobustness();
await benchUi();

console.log(`peak memory (RSS): ${(sampleMemory() / 1024 / 1024).toFixed(1)} MB`);

/**
 * npm run bench — the figures the issues ask for, one module per area, then the process's peak memory.
 */
import { benchLoad } from './load.mjs';
import { benchServer } from './server.mjs';
import { sampleMemory } from './support.mjs';
import { benchUi } from './ui.mjs';

await benchLoad();
await benchServer();
await benchUi();

console.log(`peak memory (RSS): ${(sampleMemory() / 1024 / 1024).toFixed(1)} MB`);

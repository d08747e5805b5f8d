/**
 * Race harness of issue 17: 20 clients editing different items of one assessment at once through the HTTP API,
 * 1,000 saves in all, each saved as the editor saves (the server merges stale saves; merge on 409 and retry).
 * Prints its figures; exits non-zero on any lost change. STRESS_CLIENT_MERGE=1 runs the former protocol (plain
 * compare-and-swap, every merge on the client after a 409) for comparison.
 */
import { runMergeRace } from './merge-race.mjs';

const CLIENTS = 20;
const SAVES_PER_CLIENT = 50;
const serverMerge = process.env['STRESS_CLIENT_MERGE'] !== '1';

const figures = await runMergeRace({ clients: CLIENTS, savesPerClient: SAVES_PER_CLIENT, serverMerge });
console.log(`merge race: ${figures.clients} clients × ${SAVES_PER_CLIENT} saves on one assessment (004, HTTP on loopback), ${serverMerge ? 'merged by the server' : 'merged by the clients on 409'}`);
console.log(`  saves ${figures.saves}   PUT requests ${figures.requests}   merged by the server ${figures.mergedByServer}   refused with 409 and merged ${figures.refused}   most PUTs for one save ${figures.maxAttempts}`);
const ms = (value: number): string => `${value.toFixed(1)} ms`;
console.log(
  `  save incl. merges: median ${ms(figures.medianSaveMs)}   p95 ${ms(figures.p95SaveMs)}   mean ${ms(figures.meanSaveMs)}   max ${ms(figures.maxSaveMs)}   total ${figures.seconds.toFixed(1)} s`,
);
console.log(`  lost changes ${figures.lost}   conflicts ${figures.conflicts}   other places changed ${figures.corrupted}   (goal: 0 / 0 / 0)`);
const failed = figures.lost > 0 || figures.conflicts > 0 || figures.corrupted > 0;
if (failed) console.error('merge race FAILED');
process.exitCode = failed ? 1 : 0;

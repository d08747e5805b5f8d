/**
 * Race harness of issue 17: 20 clients editing different items of one assessment at once through the HTTP API,
 * 1,000 saves in all, each with the editor's merge-on-409 loop. Prints its figures; exits non-zero on any lost change.
 */
import { runMergeRace } from './merge-race.mjs';

const CLIENTS = 20;
const SAVES_PER_CLIENT = 50;

const figures = await runMergeRace({ clients: CLIENTS, savesPerClient: SAVES_PER_CLIENT });
console.log(`merge race: ${figures.clients} clients × ${SAVES_PER_CLIENT} saves on one assessment (004, HTTP on loopback)`);
console.log(`  saves ${figures.saves}   PUT requests ${figures.requests}   refused with 409 and merged ${figures.refused}   most PUTs for one save ${figures.maxAttempts}`);
console.log(`  save incl. merges: median ${figures.medianSaveMs.toFixed(1)} ms   p95 ${figures.p95SaveMs.toFixed(1)} ms   total ${figures.seconds.toFixed(1)} s`);
console.log(`  lost changes ${figures.lost}   conflicts ${figures.conflicts}   other places changed ${figures.corrupted}   (goal: 0 / 0 / 0)`);
const failed = figures.lost > 0 || figures.conflicts > 0 || figures.corrupted > 0;
if (failed) console.error('merge race FAILED');
process.exitCode = failed ? 1 : 0;

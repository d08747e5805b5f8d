/**
 * npm run stress (part): ≥ 10,000 hostile YAML documents, mutated from the bundled samples, through every stage
 * the server runs on a saved draft (load, validate, check, diff, outline, save, reload, render). Exits non-zero on
 * any crash or change of meaning. `--count N`, `--seed S`, `--max-minutes M` bound it.
 */
import path from 'node:path';
import { numberFlag } from './hostile/rng.js';
import { runYamlBatch, type YamlBatch } from './hostile/yaml-stages.js';

const count = numberFlag('count', 10_000);
const seed = numberFlag('seed', 16);
const maxMinutes = numberFlag('max-minutes', 60);

const line = (batch: YamlBatch): string =>
  `${batch.cases} documents in ${batch.seconds.toFixed(0)} s: ${batch.loaded} loaded, ${batch.valid} valid, ${batch.rendered} rendered ` +
  `(${batch.painted} painted to PDF), ${batch.failures.length} failures`;

console.log(`hostile YAML: ${count} documents, seed ${seed}, at most ${maxMinutes} min`);
const batch = await runYamlBatch({
  count,
  seed,
  maxSeconds: maxMinutes * 60,
  root: path.resolve(import.meta.dirname, '..'),
  onProgress: (_done, progress) => console.log(`  … ${line(progress)}`),
});
console.log(line(batch));
console.log(`  refused (code: documents): ${Object.entries(batch.refusals).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ')}`);
console.log(`  mutations: ${Object.entries(batch.kinds).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
console.log(
  `  slowest stage runs: ${Object.entries(batch.slowest).map(([stage, slow]) => `${stage} ${slow.ms.toFixed(0)} ms (#${slow.index} ${slow.kind})`).join(', ')}`,
);
console.log(`  stage runs over 1 s: ${batch.overOneSecond}`);
for (const failure of batch.failures.slice(0, 30)) console.log(`  FAIL #${failure.index} (${failure.kind}) at ${failure.stage}: ${failure.message}`);
const crashes = batch.failures.filter((failure) => !failure.message.startsWith('meaning changed')).length;
console.log(`crashes: ${crashes}, changes of meaning on round trip: ${batch.failures.length - crashes}`);
if (batch.cases < count) console.log(`stopped by the time limit after ${batch.cases} of ${count} documents`);
process.exitCode = batch.failures.length > 0 || batch.cases < count ? 1 : 0;

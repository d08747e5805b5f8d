/**
 * npm run stress (part): ≥ 10,000 hostile HTTP requests on raw sockets against a real server on loopback (its own
 * process), while another client polls its own assessment. Exits non-zero on any 5xx, any error answer outside
 * the { code, message } shape, a dead server, or a poll answered after more than 1 s.
 * `--count N`, `--seed S`, `--concurrency C`, `--max-minutes M` bound it.
 */
import path from 'node:path';
import { numberFlag } from './hostile/rng.js';
import { POLL_ID, prepareDataDir, prepareTarget, runApiBatch, send, startPoller, startServerProcess, type ApiBatch } from './hostile/api-run.js';
import { request } from './hostile/api-cases.js';

const count = numberFlag('count', 10_000);
const seed = numberFlag('seed', 16);
const concurrency = numberFlag('concurrency', 2);
const maxMinutes = numberFlag('max-minutes', 60);
const root = path.resolve(import.meta.dirname, '..');

const line = (batch: ApiBatch): string =>
  `${batch.requests} requests in ${batch.seconds.toFixed(0)} s; answers ${Object.entries(batch.statuses).sort().map(([status, n]) => `${status}×${n}`).join(' ')}; ` +
  `${batch.problems.length} problems`;

console.log(`hostile API: ${count} requests, seed ${seed}, ${concurrency} at a time, at most ${maxMinutes} min`);
const data = await prepareDataDir(root);
const server = await startServerProcess(root, data.dataDir);
let failed = false;
try {
  const target = await prepareTarget(server.port);
  const poller = startPoller(server.port);
  const batch = await runApiBatch({
    port: server.port,
    target,
    count,
    seed,
    concurrency,
    maxSeconds: maxMinutes * 60,
    onProgress: (progress) => console.log(`  … ${line(progress)}`),
  });
  const polls = await poller.stop();
  const alive = await send(server.port, { kind: 'health', bytes: request({ method: 'GET', path: `/api/assessments/${POLL_ID}` }) });
  console.log(line(batch));
  console.log(`  requests by kind: ${Object.entries(batch.kinds).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  console.log(`  closed without an answer (by kind): ${JSON.stringify(batch.unanswered)}`);
  console.log(`  slowest hostile request: ${batch.slowest.ms.toFixed(0)} ms (#${batch.slowest.index} ${batch.slowest.kind})`);
  console.log(
    `  other client (GET ${POLL_ID} every 50 ms): ${polls.polls} polls, slowest ${polls.maxMs.toFixed(0)} ms, p99 ${polls.p99Ms.toFixed(0)} ms, ` +
      `${polls.overOneSecond} over 1 s, ${polls.failed} failed`,
  );
  console.log(`  server after the run: HTTP ${alive.statuses[0] ?? 'no answer'}, process ${server.child.exitCode === null ? 'alive' : `exited ${server.child.exitCode}`}`);
  for (const problem of batch.problems.slice(0, 30)) console.log(`  PROBLEM #${problem.index} (${problem.kind}): ${problem.problem}`);
  for (const poll of polls.slow.slice(0, 20)) {
    const behind = batch.spans.filter((span) => span.from < poll.at + poll.ms && span.to > poll.at);
    console.log(`  slow poll ${poll.ms.toFixed(0)} ms, meanwhile: ${behind.map((span) => `#${span.index} ${span.kind}`).join(', ')}`);
  }
  const serverErrors = batch.problems.filter((problem) => problem.problem.startsWith('HTTP 5')).length;
  console.log(`5xx answers: ${serverErrors}; other problems: ${batch.problems.length - serverErrors}; polls over 1 s: ${polls.overOneSecond}`);
  failed = batch.problems.length > 0 || polls.overOneSecond > 0 || polls.failed > 0 || alive.statuses[0] !== 200 || batch.requests < count;
  if (batch.requests < count) console.log(`stopped by the time limit after ${batch.requests} of ${count} requests`);
} finally {
  await server.stop();
  await data.cleanup();
}
process.exitCode = failed ? 1 : 0;

/**
 * Server start: `npm start` (as the README says, in its own process group) until the first page answers 200 on
 * loopback, after install (the UI and server already built). Each run is stopped with SIGTERM to its group.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt } from '../scripts/build.mjs';
import { answers, freePort } from './server-process.mjs';
import { loadNote, median } from './support.mjs';

const RUNS = 5;
const GOAL_MS = 2000;
const GIVE_UP_MS = 120_000;

/** One `npm start`: milliseconds from spawn until GET / answers. */
const timeStart = async (): Promise<number> => {
  const port = await freePort();
  const start = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    while (!(await answers(`http://127.0.0.1:${port}/`))) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - start > GIVE_UP_MS) throw new Error('npm start did not answer in time');
      await sleep(10);
    }
    return performance.now() - start;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
};

export const benchStart = async (): Promise<void> => {
  console.log(`server start (${RUNS} runs)`);
  await ensureBuilt(); // what `npm install` built, in case a source changed since
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await timeStart());
  console.log(
    `  npm start → first page answers       median ${median(times).toFixed(0).padStart(5)} ms   max ${Math.max(...times).toFixed(0).padStart(5)} ms   goal ≤ ${GOAL_MS} ms   ${loadNote()}`,
  );
};

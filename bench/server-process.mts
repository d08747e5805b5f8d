/**
 * The server as `npm start` runs it: the built bundle (dist/server.mjs) in a process of its own, on a data folder
 * and a free loopback port. Benches that drive the server from outside use it, so that what they measure is not
 * slowed by their own work: a server started inside the bench shares its event loop with the bench's HTTP clients
 * or its Playwright connection, which no office's server does.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, SERVER_ENTRY } from '../scripts/build.mjs';

const GIVE_UP_MS = 60_000;

export type ServerProcess = {
  readonly url: string;
  /** The server's process id (its main thread's too). */
  readonly pid: number;
  /** When it was spawned, on this process's performance clock. */
  readonly startedAt: number;
  /** Resolves once GET / answers 200; rejects if the server exits first, or has not answered within a minute. */
  readonly answering: () => Promise<void>;
  readonly stop: () => Promise<void>;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Whether `url` answers 200 now (its body read, so the connection is free again). */
export const answers = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
};

/** Start the built server on `dataDir` (the bundle must be built: scripts/build.mjs ensureBuilt). */
export const startServerProcess = async (dataDir: string, port?: number): Promise<ServerProcess> => {
  const listenOn = port ?? (await freePort());
  const startedAt = performance.now();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(listenOn), PIA_DATA_DIR: dataDir, PIA_LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${listenOn}`;
  return {
    url,
    pid: child.pid ?? 0,
    startedAt,
    answering: async () => {
      while (!(await answers(`${url}/`))) {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
        if (performance.now() - startedAt > GIVE_UP_MS) throw new Error(`the server did not answer at ${url} within a minute`);
        await sleep(10);
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

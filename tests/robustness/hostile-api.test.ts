/**
 * The fast sample of `npm run stress`'s hostile API harness: requests written on raw sockets against a real
 * server on loopback. No answer may be a 5xx, and every error answer is `{ code, message }` in Japanese.
 * (How long other clients wait meanwhile is a figure of the stress run, not asserted here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { POLL_ID, prepareDataDir, prepareTarget, runApiBatch, send } from '../../stress/hostile/api-run.js';
import { SERVER_NAMES, request } from '../../stress/hostile/api-cases.js';
import { ROOT } from '../helpers/seeds.js';

let app: FastifyInstance;
let port: number;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const data = await prepareDataDir(ROOT);
  cleanup = data.cleanup;
  app = buildServer(
    { dataDir: data.dataDir, uiDir: path.join(ROOT, 'ui', 'dist'), templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' },
    { team: { login: false, serverNames: SERVER_NAMES } },
  );
  port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

describe('hostile API requests', () => {
  it('300 of them: no 5xx, every error in the documented shape, and the server still serves', { timeout: 600_000 }, async () => {
    const target = await prepareTarget(port);
    const batch = await runApiBatch({ port, target, count: 300, seed: 2026, maxSeconds: 600, concurrency: 2 });
    expect(batch.problems).toEqual([]);
    expect(batch.requests).toBe(300);
    expect(Object.keys(batch.statuses).length).toBeGreaterThan(6);
    const after = await send(port, { kind: 'health', bytes: request({ method: 'GET', path: `/api/assessments/${POLL_ID}` }) });
    expect(after.statuses).toEqual([200]);
  });
});

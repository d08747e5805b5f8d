/**
 * The team server under 20 users at once: each logs in (scrypt), opens its copy of the 全項目 sample (001) and saves
 * it, over real HTTP on loopback, with login, roles, CSRF and the audit log on (PGlite in memory, or the PostgreSQL
 * server of PIA_BENCH_DATABASE_URL). The same open + save in single-user mode without the team database is the
 * baseline for what the team layer costs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer } from '../src/server/app.js';
import { createUser, migrate, openPglite, openPostgres, type Db } from '../src/team/index.js';
import { median, percentile, sampleMemory } from './support.mjs';

const SAMPLE = '001-kitakyushu-yobosesshu';
const USERS = 20;
const ROUNDS = 3;
const PASSWORD = 'bench pass phrase';

type Journey = { login: number; open: number; save: number; total: number; statuses: number[] };

const line = (label: string, times: number[]): string =>
  `  ${label.padEnd(44)} median ${median(times).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(7)} ms`;

const journey = async (base: string, id: string, index: number, round: number, login: boolean): Promise<Journey> => {
  const origin = base;
  const start = performance.now();
  let headers: Record<string, string> = { origin, 'sec-fetch-site': 'same-origin' };
  const statuses: number[] = [];
  if (login) {
    const response = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ login: `user${index}`, password: PASSWORD }),
    });
    statuses.push(response.status);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    headers = { ...headers, cookie, 'x-pia-csrf': csrfToken };
  } else {
    const { csrfToken } = (await (await fetch(`${base}/api/session`, { headers })).json()) as { csrfToken: string };
    headers = { ...headers, 'x-pia-csrf': csrfToken };
  }
  const loggedIn = performance.now();
  const opened = await fetch(`${base}/api/assessments/${id}`, { headers });
  statuses.push(opened.status);
  const { data, etag } = (await opened.json()) as { data: { cover: object }; etag: string };
  const read = performance.now();
  const saved = await fetch(`${base}/api/assessments/${id}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${etag}"` },
    body: JSON.stringify({
      data: { ...data, cover: { ...data.cover, organization: `北九州市長（${index}-${round}）` } },
    }),
  });
  statuses.push(saved.status);
  await saved.arrayBuffer();
  const end = performance.now();
  return { login: loggedIn - start, open: read - loggedIn, save: end - read, total: end - start, statuses };
};

const run = async (dataDir: string, uiDir: string, db: Db | undefined): Promise<Journey[]> => {
  const app = buildServer(
    { dataDir, uiDir, templatesDir: path.resolve('templates'), logLevel: 'silent' },
    { team: db ? { db, login: true } : { login: false } },
  );
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const journeys: Journey[] = [];
    for (let round = 0; round < ROUNDS; round += 1)
      journeys.push(
        ...(await Promise.all(
          Array.from({ length: USERS }, (_, index) => journey(base, `team-${index}`, index, round, !!db)),
        )),
      );
    return journeys;
  } finally {
    await app.close();
  }
};

export const benchTeam = async (): Promise<void> => {
  const serverUrl = process.env['PIA_BENCH_DATABASE_URL'];
  console.log(
    `team server: login + open ${SAMPLE} + save, ${USERS} concurrent users × ${ROUNDS} rounds (${serverUrl ? 'PostgreSQL server' : 'PGlite'})`,
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-team-'));
  const dataDir = path.join(dir, 'assessments');
  for (let index = 0; index < USERS; index += 1)
    await cp(path.join('assessments', SAMPLE), path.join(dataDir, `team-${index}`), { recursive: true });
  const db = serverUrl ? await openPostgres(serverUrl) : await openPglite();
  try {
    await migrate(db);
    await db.query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE login LIKE 'user%')");
    for (let index = 0; index < USERS; index += 1)
      await createUser(
        db,
        { login: `user${index}`, displayName: `利用者${index}`, password: PASSWORD, roles: ['author'] },
        new Date(),
      ).catch(() => undefined);
    const baseline = await run(dataDir, path.join(dir, 'ui'), undefined);
    const team = await run(dataDir, path.join(dir, 'ui'), db);
    const statuses = [...new Set([...baseline, ...team].flatMap((j) => j.statuses))].join('/');
    console.log(
      line(
        'login (POST /api/session, scrypt)',
        team.map((j) => j.login),
      ),
    );
    console.log(
      line(
        'open 001 (GET), team / single-user',
        team.map((j) => j.open),
      ) +
        `   (single-user p95 ${percentile(
          baseline.map((j) => j.open),
          0.95,
        ).toFixed(1)} ms)`,
    );
    console.log(
      line(
        'save 001 (PUT + audit), team / single-user',
        team.map((j) => j.save),
      ) +
        `   (single-user p95 ${percentile(
          baseline.map((j) => j.save),
          0.95,
        ).toFixed(1)} ms)`,
    );
    console.log(
      line(
        'login + open + save, per user',
        team.map((j) => j.total),
      ) + `   (${team.length} journeys, HTTP ${statuses})`,
    );
    sampleMemory();
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
};

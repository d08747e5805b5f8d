/**
 * A disk that refuses writes (read-only folder, full disk) is an answer for the user, WRITE_FAILED (507) with a
 * Japanese message, never a 500, and it leaves nothing half-written. We run as any user (root ignores file modes),
 * so the refusals are the file system's own error codes, injected into node:fs/promises.
 */
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommitRevisionResponse } from '../../src/server/dto.js';
import { buildTestServer, ID_004, type TestServer } from './helpers.js';

const fault = vi.hoisted(() => ({ op: '', where: '', code: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const refuse = (op: string, target: unknown): void => {
    if (fault.op === op && String(target).includes(fault.where)) {
      throw Object.assign(new Error(`${fault.code}: simulated`), { code: fault.code });
    }
  };
  return {
    ...actual,
    mkdir: async (...args: Parameters<typeof actual.mkdir>) => {
      refuse('mkdir', args[0]);
      return actual.mkdir(...args);
    },
    open: async (...args: Parameters<typeof actual.open>) => {
      refuse('open', args[0]);
      return actual.open(...args);
    },
  };
});

let server: TestServer;
beforeEach(async () => {
  fault.op = '';
  server = await buildTestServer();
});
afterEach(() => server.cleanup());


const commit = () =>
  server.app.inject({ method: 'POST', url: `/api/assessments/${ID_004}/revisions`, payload: { message: '公表版', author: '健康課', baseRevision: null } });

const refuseWhile = (op: string, where: string, code: string): void => {
  Object.assign(fault, { op, where, code });
};

describe('writes the disk refuses', () => {
  it('creating an assessment in a read-only data folder: 507 WRITE_FAILED, nothing created', async () => {
    refuseWhile('mkdir', 'new-one', 'EROFS');
    const response = await server.app.inject({ method: 'POST', url: '/api/assessments', payload: { form: 'yoshiki3', id: 'new-one' } });
    expect(response.statusCode).toBe(507);
    expect(response.json()).toEqual({
      code: 'WRITE_FAILED',
      message: 'new-one: 保存できませんでした（書き込みが許可されていません）。前回保存した内容はそのまま残っています。',
      details: { file: 'new-one' },
    });
    expect(await readdir(server.dataDir)).not.toContain('new-one');
  });

  it('the first commit where revisions/ cannot be made: 507, no revision; the retry after the disk is back succeeds', async () => {
    refuseWhile('mkdir', 'revisions', 'EACCES');
    const refused = await commit();
    expect(refused.statusCode).toBe(507);
    expect(refused.json()).toMatchObject({ code: 'WRITE_FAILED' });
    fault.op = '';
    const retried = await commit();
    expect(retried.statusCode).toBe(201);
    expect(retried.json<CommitRevisionResponse>().revision.number).toBe(1);
  });

  it('a full disk while the revision is written: 507, neither the revision nor a temp file is left, a retry is no 409', async () => {
    refuseWhile('open', '.0001.yaml.tmp-', 'ENOSPC');
    const refused = await commit();
    expect(refused.statusCode).toBe(507);
    expect(refused.json<{ message: string }>().message).toContain('ディスクの空きがありません');
    const dir = path.join(server.dataDir, ID_004);
    expect(await readdir(path.join(dir, 'revisions'))).toEqual([]);
    expect(await readdir(dir)).toEqual(['assessment.yaml', 'revisions']);
    fault.op = '';
    expect((await commit()).statusCode).toBe(201);
  });

  it('a save whose lock file cannot be created (read-only folder): 507, the draft untouched', async () => {
    const { etag, data } = (await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })).json<{ etag: string; data: object }>();
    refuseWhile('open', '.pia.lock', 'EROFS');
    const response = await server.app.inject({ method: 'PUT', url: `/api/assessments/${ID_004}`, headers: { 'if-match': `"${etag}"` }, payload: { data } });
    expect(response.statusCode).toBe(507);
    expect(response.json()).toMatchObject({ code: 'WRITE_FAILED' });
  });
});

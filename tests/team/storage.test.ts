import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/team/audit-append.js';
import { listAudit, verifyAudit, type AuditEvent } from '../../src/team/audit.js';
import {
  countThreadsByItem,
  listThreads,
  openThread,
  replyToThread,
  setThreadResolved,
} from '../../src/team/comments.js';
import type { Db } from '../../src/team/db/db.js';
import { migrate, readMigrations } from '../../src/team/db/migrate.js';
import { clearLoginFailures, recordLoginFailure, throttleWait } from '../../src/team/login-throttle.js';
import { createSession, findSession } from '../../src/team/sessions.js';
import { createUser, listUsers, setAssessmentRoles, setPassword, updateUser } from '../../src/team/users.js';
import { describeOnBackends, expectRefusal } from './backends.js';

const T0 = new Date('2026-04-01T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const PASSWORD = 'correct horse battery';

const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  event: 'draft.save',
  userId: 1,
  userLogin: 'tanaka',
  address: '127.0.0.1',
  assessmentId: '001-x',
  revision: null,
  hashBefore: 'a',
  hashAfter: 'b',
  detail: { note: '保存' },
  ...overrides,
});

describeOnBackends('team storage', (db) => {
  describe('migrations', () => {
    it('are recorded once and applying them again changes nothing', async () => {
      const migrations = await readMigrations();
      expect(migrations.map((m) => m.version)).toEqual([1, 2]);
      expect(await migrate(db())).toEqual([]);
      const rows = await db().query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
      expect(rows).toEqual([
        { version: 1, name: 'team' },
        { version: 2, name: 'audit-append' },
      ]);
    });

    it('refuse an applied migration whose file was edited', async () => {
      const [first] = await readMigrations();
      await expectRefusal(
        migrate(db(), [{ ...first!, sql: `${first!.sql}\n-- edited` }]),
        'DATABASE_UNAVAILABLE',
        /0001-team\.sql/,
      );
    });

    it('roll back a failing migration as a whole', async () => {
      const applied = await readMigrations();
      const version = applied.length + 1;
      await expect(
        migrate(db(), [
          ...applied,
          {
            version,
            name: 'broken',
            file: `000${version}-broken.sql`,
            sql: 'CREATE TABLE half_done (x integer); SELECT no_such_function();',
          },
        ]),
      ).rejects.toThrow();
      const tables = await db().query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      expect(tables).toEqual([]);
      expect(await db().query('SELECT 1 FROM schema_migrations WHERE version = $1', [version])).toEqual([]);
    });
  });

  describe('accounts', () => {
    it('create accounts with normalised login names and refuse a second one of the same name', async () => {
      const user = await createUser(
        db(),
        { login: 'Ｔａｎａｋａ', displayName: '田中 一郎', password: PASSWORD, roles: ['author'] },
        T0,
      );
      expect(user).toMatchObject({ login: 'tanaka', displayName: '田中 一郎', roles: ['author'], disabled: false });
      await expectRefusal(
        createUser(db(), { login: 'TANAKA', displayName: '別人', password: PASSWORD, roles: ['viewer'] }, T0),
        'USER_EXISTS',
      );
      const stored = await db().query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(stored[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
      expect(stored[0]!.password_hash).not.toContain(PASSWORD);
    });

    it('refuse short passwords, unknown roles and bad login names in Japanese', async () => {
      await expectRefusal(
        createUser(db(), { login: 'a', displayName: 'A', password: 'short', roles: ['author'] }, T0),
        'INVALID_REQUEST',
        /10文字以上/,
      );
      await expectRefusal(
        createUser(db(), { login: 'a', displayName: 'A', password: PASSWORD, roles: ['boss'] }, T0),
        'INVALID_REQUEST',
        /役割「boss」/,
      );
      await expectRefusal(
        createUser(db(), { login: '../x', displayName: 'A', password: PASSWORD, roles: ['viewer'] }, T0),
        'INVALID_REQUEST',
        /ログイン名/,
      );
    });

    it('keep at least one active administrator', async () => {
      await createUser(db(), { login: 'admin', displayName: '管理', password: PASSWORD, roles: ['admin'] }, T0);
      await expectRefusal(updateUser(db(), 'admin', { disabled: true }, T0), 'INVALID_REQUEST', /管理者が一人もいなく/);
      await expectRefusal(updateUser(db(), 'admin', { roles: ['author'] }, T0), 'INVALID_REQUEST');
      await createUser(
        db(),
        { login: 'admin2', displayName: '管理2', password: PASSWORD, roles: ['admin', 'author'] },
        T0,
      );
      expect((await updateUser(db(), 'admin', { disabled: true }, T0)).disabled).toBe(true);
    });

    it('store per-assessment overrides and remove them with an empty list', async () => {
      await createUser(db(), { login: 'suzuki', displayName: '鈴木', password: PASSWORD, roles: ['viewer'] }, T0);
      expect((await setAssessmentRoles(db(), 'suzuki', '001-x', ['author'])).overrides).toEqual({
        '001-x': ['author'],
      });
      await expectRefusal(setAssessmentRoles(db(), 'suzuki', '001-x', ['admin']), 'INVALID_REQUEST');
      expect((await setAssessmentRoles(db(), 'suzuki', '001-x', [])).overrides).toEqual({});
      expect((await listUsers(db())).map((u) => u.login)).toEqual(['suzuki']);
    });

    it('end every session of an account whose password changes or that is disabled', async () => {
      const admin = await createUser(
        db(),
        { login: 'admin', displayName: '管理', password: PASSWORD, roles: ['admin'] },
        T0,
      );
      const user = await createUser(
        db(),
        { login: 'sato', displayName: '佐藤', password: PASSWORD, roles: ['reviewer'] },
        T0,
      );
      const limits = { idleMs: 3_600_000, absoluteMs: 8 * 3_600_000 };
      const first = await createSession(db(), user.id, '10.0.0.2', T0);
      await setPassword(db(), 'sato', 'another long password', T0);
      const [changed] = await db().query<{ password_hash: string }>("SELECT password_hash FROM users WHERE login = 'sato'");
      expect(changed!.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
      expect(await findSession(db(), first.token, T0, limits)).toBeUndefined();
      const second = await createSession(db(), user.id, '10.0.0.2', T0);
      await updateUser(db(), 'sato', { disabled: true }, T0);
      expect(await findSession(db(), second.token, T0, limits)).toBeUndefined();
      expect(await findSession(db(), (await createSession(db(), admin.id, 'x', T0)).token, T0, limits)).toMatchObject({
        userId: admin.id,
      });
    });
  });

  describe('sessions', () => {
    const limits = { idleMs: 30 * 60_000, absoluteMs: 120 * 60_000 };

    it('expire after the idle time and after the absolute time, however active', async () => {
      const user = await createUser(
        db(),
        { login: 'ito', displayName: '伊藤', password: PASSWORD, roles: ['author'] },
        T0,
      );
      const idle = await createSession(db(), user.id, '127.0.0.1', T0);
      expect(await findSession(db(), idle.token, at(29), limits)).toMatchObject({
        userId: user.id,
        csrfToken: idle.csrfToken,
      });
      expect(await findSession(db(), idle.token, at(60), limits)).toBe('expired');
      expect(await findSession(db(), idle.token, at(61), limits)).toBeUndefined();

      const busy = await createSession(db(), user.id, '127.0.0.1', T0);
      for (let minute = 20; minute < 120; minute += 20)
        expect(await findSession(db(), busy.token, at(minute), limits)).not.toBe('expired');
      expect(await findSession(db(), busy.token, at(121), limits)).toBe('expired');
    });

    it('store only a hash of the cookie value', async () => {
      const user = await createUser(
        db(),
        { login: 'ito', displayName: '伊藤', password: PASSWORD, roles: ['author'] },
        T0,
      );
      const { token } = await createSession(db(), user.id, '127.0.0.1', T0);
      const rows = await db().query<{ id_hash: string }>('SELECT id_hash FROM sessions');
      expect(rows[0]!.id_hash).not.toContain(token);
      expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('login throttling', () => {
    const limits = { windowMs: 15 * 60_000, perLogin: 5, perAddress: 20 };

    it('refuses a login name after five failures until the oldest leaves the window, and survives in the database', async () => {
      for (let i = 0; i < 5; i += 1) {
        expect(await throttleWait(db(), 'tanaka', '10.0.0.9', at(i), limits)).toBe(0);
        await recordLoginFailure(db(), 'tanaka', '10.0.0.9', at(i));
      }
      expect(await throttleWait(db(), 'tanaka', '10.0.0.10', at(5), limits)).toBe(10 * 60);
      expect(await throttleWait(db(), 'tanaka', '10.0.0.10', at(15.5), limits)).toBe(0);
      expect(await throttleWait(db(), 'someone-else', '10.0.0.9', at(5), limits)).toBe(0);
    });

    it('refuses an address that tries many names', async () => {
      for (let i = 0; i < 20; i += 1) await recordLoginFailure(db(), `user${i}`, '10.0.0.66', at(0));
      expect(await throttleWait(db(), 'new-name', '10.0.0.66', at(1), limits)).toBeGreaterThan(0);
      expect(await throttleWait(db(), 'new-name', '10.0.0.67', at(1), limits)).toBe(0);
    });

    it('starts the count of an account again after a success', async () => {
      for (let i = 0; i < 5; i += 1) await recordLoginFailure(db(), 'tanaka', '10.0.0.9', at(0));
      await clearLoginFailures(db(), 'tanaka', at(1), limits);
      expect(await throttleWait(db(), 'tanaka', '10.0.0.8', at(1), limits)).toBe(0);
    });
  });

  describe('comments', () => {
    const anchor = {
      assessmentId: '001-x',
      revision: null,
      pointer: '/basicInfo/systems/2/name',
      itemPath: ['Ⅰ　基本情報', 'システム3', '①システムの名称'],
    };
    const reviewer = { id: null, name: '確認 太郎' };

    it('keeps threads with replies, resolution and reopening', async () => {
      const thread = await openThread(db(), anchor, '名称が前回と違います。', reviewer, T0);
      expect(thread).toMatchObject({ pointer: anchor.pointer, itemPath: anchor.itemPath, resolved: null });
      const replied = await replyToThread(
        db(),
        '001-x',
        thread.id,
        '修正しました。',
        { id: null, name: '作成 花子' },
        at(1),
      );
      expect(replied.comments.map((c) => [c.authorName, c.body])).toEqual([
        ['確認 太郎', '名称が前回と違います。'],
        ['作成 花子', '修正しました。'],
      ]);
      const resolved = await setThreadResolved(db(), '001-x', thread.id, true, reviewer, at(2));
      expect(resolved.resolved).toEqual({ at: at(2).toISOString(), by: '確認 太郎' });
      expect((await setThreadResolved(db(), '001-x', thread.id, false, reviewer, at(3))).resolved).toBeNull();
      const reply = replied.comments[1]!;
      await expectRefusal(setThreadResolved(db(), '001-x', reply.id, true, reviewer, at(3)), 'INVALID_REQUEST', /返信/);
      await expectRefusal(replyToThread(db(), '002-y', thread.id, 'x', reviewer, at(3)), 'COMMENT_NOT_FOUND');
    });

    it('lists by status, participant, item and revision, and counts threads per item', async () => {
      const users = [
        await createUser(db(), { login: 'r1', displayName: '確認1', password: PASSWORD, roles: ['reviewer'] }, T0),
        await createUser(db(), { login: 'a1', displayName: '作成1', password: PASSWORD, roles: ['author'] }, T0),
      ];
      const [r1, a1] = users.map((u) => ({ id: u.id, name: u.displayName })) as [
        { id: number; name: string },
        { id: number; name: string },
      ];
      const one = await openThread(db(), anchor, 'one', r1, T0);
      const two = await openThread(db(), { ...anchor, pointer: '/cover/title', itemPath: ['評価書名'] }, 'two', r1, T0);
      const three = await openThread(db(), { ...anchor, revision: 2 }, 'three', a1, T0);
      await replyToThread(db(), '001-x', two.id, 'reply', a1, T0);
      await setThreadResolved(db(), '001-x', one.id, true, a1, T0);
      const ids = (threads: { id: number }[]) => threads.map((t) => t.id);
      expect(ids(await listThreads(db(), '001-x', { status: 'open' }))).toEqual([two.id, three.id]);
      expect(ids(await listThreads(db(), '001-x', { status: 'resolved' }))).toEqual([one.id]);
      expect(ids(await listThreads(db(), '001-x', { participantId: a1.id }))).toEqual([two.id, three.id]);
      expect(ids(await listThreads(db(), '001-x', { pointer: anchor.pointer }))).toEqual([one.id, three.id]);
      expect(ids(await listThreads(db(), '001-x', { revision: null }))).toEqual([one.id, two.id]);
      expect(ids(await listThreads(db(), '001-x', { revision: 2 }))).toEqual([three.id]);
      expect(await listThreads(db(), 'other', {})).toEqual([]);
      expect(await countThreadsByItem(db(), '001-x', null)).toEqual({
        '/basicInfo/systems/2/name': { open: 0, total: 1 },
        '/cover/title': { open: 1, total: 1 },
      });
    });
  });

  describe('audit log', () => {
    const tamper = (sql: string, params: unknown[] = []) =>
      db().transaction(async (tx) => {
        await tx.execScript('SET LOCAL session_replication_role = replica');
        await tx.query(sql, params);
      });

    const fill = async (count: number) => {
      for (let i = 0; i < count; i += 1)
        await appendAudit(db(), [event({ hashBefore: `h${i}`, hashAfter: `h${i + 1}` })], at(i));
    };

    it('chains entries and verifies an untouched log', async () => {
      await fill(5);
      const entries = await listAudit(db());
      expect(entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
      expect(entries[0]!.prevHash).toBe(entries[1]!.entryHash);
      const result = await verifyAudit(db());
      expect(result).toMatchObject({ ok: true, count: 5, headSeq: 5, problems: [] });
    });

    it('keeps one chain under 20 concurrent appends', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db(), [event({ detail: { i } })], at(i))));
      expect(await verifyAudit(db())).toMatchObject({ ok: true, count: 20 });
    });

    it('refuses UPDATE, DELETE and TRUNCATE', async () => {
      await fill(2);
      await expect(db().query("UPDATE audit_log SET event = 'login' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(db().query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
      await expect(db().query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    });

    it('detects an edited entry', async () => {
      await fill(4);
      await tamper("UPDATE audit_log SET user_login = 'someone-else' WHERE seq = 2");
      expect((await verifyAudit(db())).problems).toEqual([{ seq: 2, kind: 'edited' }]);
    });

    it('detects an edited detail even when only jsonb key order could differ', async () => {
      await fill(3);
      await tamper(`UPDATE audit_log SET detail = '{"note": "改ざん"}'::jsonb WHERE seq = 3`);
      expect((await verifyAudit(db())).problems).toContainEqual({ seq: 3, kind: 'edited' });
    });

    it('detects a deleted entry', async () => {
      await fill(4);
      await tamper('DELETE FROM audit_log WHERE seq = 2');
      const { ok, problems } = await verifyAudit(db());
      expect(ok).toBe(false);
      expect(problems).toEqual(
        expect.arrayContaining([
          { seq: 3, kind: 'gap' },
          { seq: 3, kind: 'broken-link' },
        ]),
      );
    });

    it('detects reordered entries', async () => {
      await fill(4);
      await tamper('UPDATE audit_log SET seq = seq + 1000 WHERE seq IN (2, 3)');
      await tamper('UPDATE audit_log SET seq = 3 WHERE seq = 1002');
      await tamper('UPDATE audit_log SET seq = 2 WHERE seq = 1003');
      const { problems } = await verifyAudit(db());
      expect(problems).toEqual(
        expect.arrayContaining([
          { seq: 2, kind: 'edited' },
          { seq: 3, kind: 'edited' },
        ]),
      );
    });

    it('detects the newest entries cut off the end', async () => {
      await fill(4);
      await tamper('DELETE FROM audit_log WHERE seq = 4');
      expect((await verifyAudit(db())).problems).toEqual([{ seq: 4, kind: 'head-mismatch' }]);
    });

    it('records a draft changed outside the app once, when the hash it sees differs from the last it recorded', async () => {
      await appendAudit(db(), [event({ hashAfter: 'v1' })], at(0));
      const seen = { assessmentId: '001-x', hash: 'v2', address: '127.0.0.1' };
      const [outside] = await appendAudit(db(), [], at(1), seen);
      expect(outside).toMatchObject({
        event: 'draft.changed-outside',
        hashBefore: 'v1',
        hashAfter: 'v2',
        userId: null,
      });
      expect(await appendAudit(db(), [], at(2), seen)).toEqual([]);
      expect(await appendAudit(db(), [], at(2), { ...seen, assessmentId: 'never-seen' })).toEqual([]);
    });

    it('writes the entries of appends that wait together in one statement, each resolving with its own', async () => {
      let statements = 0;
      const counted: Db = { ...db(), query: (sql, params) => ((statements += 1), db().query(sql, params)) };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => appendAudit(counted, [event({ detail: { i } })], at(i))),
      );
      expect(results.map((entries) => entries.map((entry) => entry.detail))).toEqual(
        Array.from({ length: 20 }, (_, i) => [{ i }]),
      );
      expect(statements).toBeLessThanOrEqual(3);
      expect(await verifyAudit(db())).toMatchObject({ ok: true, count: 20 });
    });

    // A second handle has its own queue and its own idea of the head, as a second app instance on a shared
    // PostgreSQL server (or `pia` on the command line) has: its appends must still chain after everyone's.
    const anotherInstance = (): Db => ({ ...db(), kind: 'postgres' });

    it('keeps one chain when two instances append at once', async () => {
      const instances = [db(), anotherInstance(), anotherInstance()];
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => appendAudit(instances[i % 3]!, [event({ detail: { i } })], at(i))),
      );
      await appendAudit(instances[1]!, [event({ detail: { last: true } })], at(31));
      const result = await verifyAudit(db());
      expect(result).toMatchObject({ ok: true, count: 31, headSeq: 31 });
      const details = (await listAudit(db())).map((entry) => entry.detail);
      expect(details).toHaveLength(31);
      expect(new Set(details.map((detail) => JSON.stringify(detail))).size).toBe(31);
    });

    it('compares a draft with what any instance recorded last, not with what this one saw', async () => {
      const other = anotherInstance();
      const seen = (hash: string) => ({ assessmentId: '001-x', hash, address: '127.0.0.1' });
      await appendAudit(db(), [event({ hashAfter: 'v1' })], at(0));
      expect(await appendAudit(other, [], at(1), seen('v1'))).toEqual([]);
      // The first instance saves v1 → v2; the other still knows v1, and must not take v2 for a change outside.
      await appendAudit(db(), [event({ hashBefore: 'v1', hashAfter: 'v2' })], at(2));
      expect(await appendAudit(other, [], at(3), seen('v2'))).toEqual([]);
      // Then v2 → v3, and someone puts v2 back on disk: the other instance knew v2 last, but the log says v3.
      await appendAudit(db(), [event({ hashBefore: 'v2', hashAfter: 'v3' })], at(4));
      const [outside] = await appendAudit(other, [], at(5), seen('v2'));
      expect(outside).toMatchObject({ event: 'draft.changed-outside', hashBefore: 'v3', hashAfter: 'v2', seq: 4 });
      expect(await verifyAudit(db())).toMatchObject({ ok: true, count: 4 });
    });
  });
});

describe('backends', () => {
  it('include the PostgreSQL server whenever PIA_TEST_DATABASE_URL is set', async () => {
    const { BACKENDS, SERVER_URL } = await import('./backends.js');
    expect(BACKENDS.map((b) => b.name)).toEqual(SERVER_URL ? ['PGlite', 'PostgreSQL server'] : ['PGlite']);
  });
});

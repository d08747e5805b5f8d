/**
 * `pia user …` and `pia audit …` on a data folder's own PGlite database, run in-process through `run(argv, io)`
 * (as bin/pia.js does), with passwords typed through an injected reader. The first test's commands open the
 * database themselves, as `pia` does (creating it on the first); the later ones share one open database of the same
 * folder, as starting PGlite takes seconds per command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamDb, type Db, type DbLocation } from '../../src/team/index.js';
import { makeTempDir } from '../helpers/seeds.js';
import { pia } from '../helpers/cli.js';
import { fixedClock } from '../../src/workflows/index.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
let shared: Promise<Db> | undefined;
const sharedDb = (location: DbLocation): Promise<Db> => (shared ??= openTeamDb(location));
afterAll(async () => {
  await (await shared)?.close();
  await cleanup();
});

const run = async (
  command: 'user' | 'audit',
  args: string[],
  passwords: string[] = [],
  { ownDb = false } = {},
): Promise<{ code: number; out: string; err: string }> => {
  const result = await pia([command, ...args, '--data', dir], {
    passwords,
    clock: fixedClock(new Date('2026-04-01T09:00:00.000Z')),
    ...(ownDb ? {} : { openTeamDb: async (location) => ({ ...(await sharedDb(location)), close: async () => undefined }) }),
  });
  return { ...result, out: result.out.trimEnd(), err: result.err.trimEnd() };
};

/** Changes the database the way only someone going around the app could (the triggers set aside). */
const tamper = async (sql: string): Promise<void> => {
  const db = await sharedDb({ dataDir: dir });
  await db.transaction(async (tx) => {
    await tx.execScript(`SET LOCAL session_replication_role = replica; ${sql}`);
  });
};

describe('pia user', () => {
  it('creates the first administrator from the command line, with the password typed twice', async () => {
    const mismatch = await run(
      'user',
      ['add', 'kanri', '--name', '管理 一郎', '--role', 'admin'],
      ['correct horse battery', 'another one'],
      { ownDb: true },
    );
    expect(mismatch).toMatchObject({ code: 1, err: '確認のために入力したパスワードが一致しません。' });
    const short = await run(
      'user',
      ['add', 'kanri', '--name', '管理 一郎', '--role', 'admin'],
      ['short', 'short'],
      { ownDb: true },
    );
    expect(short.code).toBe(1);
    const added = await run(
      'user',
      ['add', 'kanri', '--name', '管理 一郎', '--role', 'admin'],
      ['correct horse battery', 'correct horse battery'],
      { ownDb: true },
    );
    expect(added).toMatchObject({ code: 0, out: 'アカウント「kanri」（管理 一郎、管理者）を作成しました。' });
  }, 120_000);

  it('adds, lists, changes roles, the password and disables accounts, and refuses to remove the last administrator', async () => {
    expect(
      (
        await run(
          'user',
          ['add', 'sakusei', '--name', '作成 花子', '--role', 'author,reviewer'],
          ['pass phrase long', 'pass phrase long'],
        )
      ).code,
    ).toBe(0);
    expect(
      (await run('user', ['role', 'sakusei', 'viewer', '--assessment', '001-kitakyushu-yobosesshu'])).out,
    ).toBe('アカウント「sakusei」の評価書「001-kitakyushu-yobosesshu」での役割: 閲覧者');
    expect((await run('user', ['passwd', 'sakusei'], ['a new pass phrase', 'a new pass phrase'])).code).toBe(0);
    expect((await run('user', ['disable', 'sakusei'])).out).toBe('アカウント「sakusei」を無効にしました。');
    const lastAdmin = await run('user', ['disable', 'kanri']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.err).toContain('有効な管理者が一人もいなくなる');
    expect((await run('user', ['list'])).out).toBe(
      [
        'kanri\t管理 一郎\t管理者',
        'sakusei\t作成 花子\t作成者・確認者 001-kitakyushu-yobosesshu:閲覧者\t（無効）',
      ].join('\n'),
    );
  }, 120_000);
});

describe('pia audit verify', () => {
  it('passes an untouched log and finds an edited, a deleted and a reordered entry', async () => {
    const clean = await run('audit', ['verify']);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^操作記録は改ざんされていません（5件、最新の番号 5、最新のハッシュ [0-9a-f]{64}）。$/);

    await tamper('UPDATE audit_log SET detail = \'{"login": "someone"}\'::jsonb WHERE seq = 2');
    const edited = await run('audit', ['verify']);
    expect(edited).toMatchObject({ code: 1 });
    expect(edited.err).toContain('番号 2: 内容が書き換えられています');

    await tamper('DELETE FROM audit_log WHERE seq = 2');
    const deleted = await run('audit', ['verify']);
    expect(deleted.code).toBe(1);
    expect(deleted.err).toContain('番号 3: 番号が飛んでいます');

    await tamper(
      'UPDATE audit_log SET seq = 1000 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 1000;',
    );
    const reordered = await run('audit', ['verify']);
    expect(reordered.code).toBe(1);
    expect(reordered.err).toContain('番号 4: 前のエントリとのつながりが切れています');
    expect(reordered.err).toContain('番号 5: 前のエントリとのつながりが切れています');
  }, 180_000);

  it('exports the log as CSV oldest first', async () => {
    const exported = await run('audit', ['export', '--format', 'csv']);
    expect(exported.code).toBe(0);
    expect(exported.out.split('\r\n')[0]).toBe(
      '番号,日時（UTC）,日時（日本時間）,操作,操作コード,利用者,接続元,評価書,版,変更前のハッシュ,変更後のハッシュ,詳細,前のエントリのハッシュ,エントリのハッシュ',
    );
    expect(exported.out).toContain('アカウントの作成,user.create');
  }, 120_000);
});

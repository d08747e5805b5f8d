/**
 * `pia user …` (accounts: the first 管理者 comes from here, so no default password ever exists) and `pia audit …`
 * (verify the hash chain, export the log). Both open the team database the server uses: PGlite in
 * `<data>/.pia/db`, or the PostgreSQL server of DATABASE_URL. PGlite admits one process, so with the server running
 * on PGlite these commands are refused with a message; accounts can then be managed in the app by a 管理者.
 */
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import {
  ROLE_NAMES_JA,
  appendAudit,
  auditCsv,
  createUser,
  dataFolderExists,
  listAudit,
  listUsers,
  openTeamDb,
  setAssessmentRoles,
  setPassword,
  updateUser,
  verifyAudit,
  type AuditEventName,
  type Db,
  type JsonValue,
} from '../team/index.js';
import { pathIn, type CliIo } from './io.js';
import { isInteractive, readPassword } from './password-prompt.js';

const USER_USAGE = `使い方: pia user <操作> [引数] [--data <評価書フォルダ>]
  add <ログイン名> --name <氏名> --role <役割,…>   アカウントを作成します（パスワードは入力を求めます）
  passwd <ログイン名>                            パスワードを変更します（そのアカウントはログアウトされます）
  disable <ログイン名> / enable <ログイン名>      アカウントを無効・有効にします
  role <ログイン名> <役割,…> [--assessment <ID>]  役割を変更します（--assessment ではその評価書だけ。none で解除）
  list                                           アカウントの一覧を表示します
  役割: admin（管理者） author（作成者） reviewer（確認者） viewer（閲覧者）
  チーム用データは DATABASE_URL があればその PostgreSQL、なければ <評価書フォルダ>/.pia/db に保存されます。`;

const AUDIT_USAGE = `使い方: pia audit <操作> [--data <評価書フォルダ>]
  verify                                         操作記録のハッシュの連鎖を検証します（改ざんがあれば終了コード1）
  export [--format csv|json] [--assessment <ID>] 操作記録を古い順に出力します`;

const PROBLEMS_JA = {
  edited: '内容が書き換えられています',
  'broken-link': '前のエントリとのつながりが切れています（前後のエントリが削除・入れ替えされています）',
  gap: '番号が飛んでいます（エントリが削除されています）',
  'head-mismatch': '最新のエントリが記録と一致しません（末尾のエントリが削除・追加されています）',
} as const;

const dataDirOf = (given: string | undefined, io: CliIo): string =>
  path.resolve(pathIn(io, given ?? io.env['PIA_DATA_DIR'] ?? 'assessments'));

/** Expected failures (a taken name, a short password, the database in use) end the command with their message. */
const withDb = async (dataDir: string, io: CliIo, work: (db: Db) => Promise<number>): Promise<number> => {
  const databaseUrl = io.env['DATABASE_URL'];
  // A mistyped --data would otherwise get a database of its own.
  if (!databaseUrl && !dataFolderExists(dataDir)) {
    io.err(`評価書フォルダ ${dataDir} がありません。--data で指定してください。`);
    return 2;
  }
  try {
    const db = await (io.openTeamDb ?? openTeamDb)({ dataDir, databaseUrl });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(error.messageJa);
    return 1;
  }
};

/** Account changes made here are audited like those made in the app, as made from the command line. */
const recordCli = (db: Db, now: Date, event: AuditEventName, detail: Record<string, JsonValue>) =>
  appendAudit(
    db,
    [
      {
        event,
        userId: null,
        userLogin: null,
        address: null,
        assessmentId: typeof detail['assessment'] === 'string' ? detail['assessment'] : null,
        revision: null,
        hashBefore: null,
        hashAfter: null,
        detail: { ...detail, via: 'pia', osUser: userInfo().username },
      },
    ],
    now,
  );

const askNewPassword = async (io: CliIo): Promise<string | undefined> => {
  const { read, confirm } = io.passwords ?? { read: readPassword, confirm: isInteractive() };
  const password = await read('新しいパスワード: ');
  if (confirm && (await read('もう一度入力してください: ')) !== password) {
    io.err('確認のために入力したパスワードが一致しません。');
    return undefined;
  }
  return password;
};

const roleList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '' && role !== 'none');

const rolesJa = (roles: readonly string[]): string =>
  roles.map((role) => ROLE_NAMES_JA[role as keyof typeof ROLE_NAMES_JA] ?? role).join('・');

export const userCommand = async (args: readonly string[], io: CliIo): Promise<number> => {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      assessment: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, login, roles] = positionals;
  const now = io.clock.now;
  if (values.help || !action || (action !== 'list' && !login)) {
    (values.help ? io.out : io.err)(USER_USAGE);
    return values.help ? 0 : 2;
  }
  return withDb(dataDirOf(values.data, io), io, async (db) => {
    switch (action) {
      case 'list': {
        for (const user of await listUsers(db)) {
          const overrides = Object.entries(user.overrides)
            .map(([id, r]) => ` ${id}:${rolesJa(r)}`)
            .join('');
          io.out(
            `${user.login}\t${user.displayName}\t${rolesJa(user.roles)}${overrides}${user.disabled ? '\t（無効）' : ''}`,
          );
        }
        return 0;
      }
      case 'add': {
        if (!values.name || !values.role) {
          io.err(USER_USAGE);
          return 2;
        }
        const password = await askNewPassword(io);
        if (password === undefined) return 1;
        const user = await createUser(
          db,
          { login: login!, displayName: values.name, password, roles: roleList(values.role) },
          now(),
        );
        await recordCli(db, now(), 'user.create', { login: user.login, roles: user.roles });
        io.out(`アカウント「${user.login}」（${user.displayName}、${rolesJa(user.roles)}）を作成しました。`);
        return 0;
      }
      case 'passwd': {
        const password = await askNewPassword(io);
        if (password === undefined) return 1;
        const user = await setPassword(db, login!, password, now());
        await recordCli(db, now(), 'user.password', { login: user.login });
        io.out(`アカウント「${user.login}」のパスワードを変更しました。`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = await updateUser(db, login!, { disabled: action === 'disable' }, now());
        await recordCli(db, now(), action === 'disable' ? 'user.disable' : 'user.update', {
          login: user.login,
          disabled: user.disabled,
        });
        io.out(`アカウント「${user.login}」を${user.disabled ? '無効' : '有効'}にしました。`);
        return 0;
      }
      case 'role': {
        if (roles === undefined) {
          io.err(USER_USAGE);
          return 2;
        }
        const user = values.assessment
          ? await setAssessmentRoles(db, login!, values.assessment, roleList(roles))
          : await updateUser(db, login!, { roles: roleList(roles) }, now());
        const shown = values.assessment ? (user.overrides[values.assessment] ?? []) : user.roles;
        await recordCli(db, now(), 'role.change', {
          login: user.login,
          roles: shown,
          ...(values.assessment ? { assessment: values.assessment } : {}),
        });
        io.out(
          values.assessment
            ? `アカウント「${user.login}」の評価書「${values.assessment}」での役割: ${shown.length > 0 ? rolesJa(shown) : `全体の役割（${rolesJa(user.roles)}）`}`
            : `アカウント「${user.login}」の役割: ${rolesJa(user.roles)}`,
        );
        return 0;
      }
      default:
        io.err(`不明な操作です: ${action}\n${USER_USAGE}`);
        return 2;
    }
  });
};

export const auditCommand = async (args: readonly string[], io: CliIo): Promise<number> => {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      format: { type: 'string' },
      assessment: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action] = positionals;
  if (
    values.help ||
    (action !== 'verify' && action !== 'export') ||
    (values.format && !['csv', 'json'].includes(values.format))
  ) {
    (values.help ? io.out : io.err)(AUDIT_USAGE);
    return values.help ? 0 : 2;
  }
  return withDb(dataDirOf(values.data, io), io, async (db) => {
    if (action === 'export') {
      const entries = (await listAudit(db, values.assessment ? { assessmentId: values.assessment } : {})).reverse();
      io.out(
        values.format === 'csv'
          ? auditCsv(entries)
              .replace(/^\uFEFF/, '')
              .trimEnd()
          : JSON.stringify(entries, null, 2),
      );
      return 0;
    }
    const result = await verifyAudit(db);
    if (result.ok) {
      io.out(
        fillMessage('操作記録は改ざんされていません（{count}件、最新の番号 {seq}、最新のハッシュ {hash}）。', {
          count: result.count,
          seq: result.headSeq,
          hash: result.headHash,
        }),
      );
      return 0;
    }
    io.err(`操作記録に改ざんの跡が見つかりました（${result.problems.length}件）:`);
    for (const problem of result.problems) io.err(`  番号 ${problem.seq}: ${PROBLEMS_JA[problem.kind]}`);
    return 1;
  });
};

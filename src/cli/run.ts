/** `pia`: parses the command line and runs one command in-process (bin/pia.js and tests call `run`). */
import { parseArgs } from 'node:util';
import type { Finding } from '../checks/index.js';
import { isIsoDate } from '../domain/wareki-parse.js';
import { isAppError, type AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import type { ValidationIssue } from '../schema/index.js';
import type { Clock } from '../workflows/index.js';
import { formatIssue } from './format.js';
import type { CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';

// Each command's module is imported when that command runs (the bundle splits there): `pia --help` loads no
// validator, YAML parser or PDF library, `pia validate` no renderer.
export const USAGE = `使い方: pia <コマンド> [引数]
  validate <file|dir>          評価書を様式のスキーマで検証します（問題があれば終了コード1）
  new --form 3|4 [--revision <様式の版>] <path>
                               空の評価書（様式３=重点項目 / 様式４=全項目）を作成します
                               （様式の版: 令和７年５月・令和６年10月・平成30年５月。省略時は最新）
  new --from <file> [--revision <様式の版>] [--title <評価書名>] <path>
                               既存の評価書を複製して新しい評価書を作ります（公表日・評価実施手続の日付と結果・
                               変更箇所・確認済みの警告は空にし、引き継がなかった記載と様式の版の移行結果を表示）
  migrate <file> --to <様式の版>
                               作業中の評価書を様式の別の版に移行し、確認が必要な箇所を表示します
                               （記載は失われません。移行だけでは変更箇所の行はできません）
  show [--full] <file>         評価書を様式の番号・項目名つきの目次形式で表示します
  list <dir>                   評価書の一覧を表示します
  format <file|dir>            評価書のYAMLを様式の順序・標準の書式に整えます（コメントは残します。読み込んだ後に
                               ほかで保存されていれば、その内容を整えます）
  restore <file> <JSON Pointer> --from <版>
                               項目（または繰り返しの1件）を指定した版の記載に戻します（ほかの項目はそのまま）
  revise <file> -m "<説明>" --author <名前> [--date YYYY-MM-DD] [--kind initial|reassessment|correction]
                               作業中の評価書を新しい版として確定し、変更箇所の案を一緒に保存します
                               （--author の代わりに環境変数 PIA_AUTHOR。変更日の既定値は表紙の公表日、なければ今日。
                               --kind は版の種類: 初回の評価・再評価・修正。省略時は進行中の評価、公表後は修正）
  history <file>               版の一覧（変更日・状態・作成者・変更箇所の件数）と状態の記録を表示します
  diff <file> [<版A> <版B>] [--json]
                               二つの版（番号か draft）の変更箇所を表で表示します
                               （省略時は最新の版と作業中の評価書。隣り合わない版どうしは表示のみ）
  rows <file> <版> [--json] [--set <rows.yaml>]
                               版の変更箇所を表示します。--set で置き換えます（提出済み・公表済みの版は変更できません）
  status <file>                各版の状態と、いま行える手順（入力する項目）を表示します
  status <file> <版> <手順> --author <名前> [-m "<理由>"] [--remark "<備考>"] [--field キー=値]…
                               版の手順を一つ進めます: request（確認を依頼する）, return（差し戻す）, approve（承認する。
                               作成した人・依頼した人以外）, consult / consulted（意見聴取を始める・終える）, inspect /
                               inspected（第三者点検）, apply / approval（委員会の承認）, submit, publish, withdraw, unpublish。
                               手順の入力（期間・件数・点検の結果など）は --field で渡し、評価書の該当項目に書き込まれます
                               （取下げ・差戻しの理由は -m。エラーのある版は提出・公表できません）
  terminate <file> --end <終了日> --date <公表日> [--label 事業終了] --author <名前>
                               公表中の評価書に事業終了を記録し（評価書名に【…終了】）、その版を確定します
  render <file> [--revision <版>] [--public] [--against <版>] [-o out.pdf]
                               評価書PDF（様式どおりの表・別添・変更箇所）を出力します。既定は作業中の評価書の提出版（全文）、
                               --public で公表版（非公表の部分を置き換え）、--against で指定した版からの変更を示す見え消し
  publish <file> <版> [-o <dir>]
                               提出済み・公表済みの版の公開用一式（公表版・提出版のPDF、版のYAML、SHA-256 を記した manifest.json）を書き出します
  verify <pdf> [<yaml>]        PDFが版から出力されたまま改変されていないかを、版のYAML（省略時は提出版に添付されたもの、
                               assessment.yaml ならその評価書の記録）から出力し直して照合します（一致しなければ終了コード1）
  withhold <file> <JSON Pointer> (--text "<文>" | --all) -m "<理由>"
                               項目の文の一部（--text の文すべて）か値全体を非公表にします（公表版で置き換えられます）
  withhold <file> --remove <番号>
                               非公表の指定を削除します
  withheld <file>              非公表の指定の一覧（番号・項目・文・理由、今の記載と一致するか）を表示します
  check [--json] [--today YYYY-MM-DD] <file|dir>
                               しきい値判断と項目間の整合性を点検し、様式の節ごとに表示します（エラーがあれば終了コード1）
                               （確認済みの警告は理由とともに「確認済み」と表示します）
  acknowledge <file> <規則ID> [--pointer <JSON Pointer>] -m "<理由>" [--today YYYY-MM-DD]
                               今出ている警告を理由つきで確認済みにし、作業中の評価書に記録します
                               （印字されず、次に確定する版とともに保存されます。--pointer 省略時はその規則の警告すべて）
  snippet list [--data <dir>] [--json]      標準文のライブラリ（ID・版・標準文・発行元・日付・後継）を表示します
  snippet show <id>[@<版>] [--data <dir>]   標準文の本文と来歴を表示します（版を省略すると最新）
  snippet add <file.yaml> [--data <dir>]    標準文の新しい版をライブラリに追加します（既存の版は書き換えません）
  snippet insert <file> <JSON Pointer> <id>[@<版>] [--at <文字位置>]
                               標準文を文章の項目に挿入し、どの版を挿入したかを印字しない記録に残します
  snippet outdated [<file|dir>]             新しい版がある標準文を使っている箇所を表示します
  snippet update [<file|dir>] [--snippet <id>]… [--summary "<変更後のまとめ>"]
                               標準文を新しい版に置き換え、まとめた変更箇所の案を表示します（次に確定する版に記録）
                               （挿入後に手で直した箇所は置き換えず、3つの版を並べて表示。あれば終了コード1）
                               （--data: 標準文のライブラリがある評価書フォルダ。省略時は評価書の一つ上のフォルダ、
                               list/show/add では PIA_DATA_DIR か ./assessments）
  user add|passwd|disable|enable|role|list …   チームで使うアカウントと役割を管理します（pia user --help）
  audit verify|export …        操作記録の改ざんを検証し、書き出します（pia audit --help）

  作業中の評価書を書き換えるコマンド（format・restore・acknowledge）は、読み込んだ後にほかで保存された変更を
  項目ごとに取り込んで書き込みます。同じ項目が別の内容に変わっていたときは、項目ごとに表示して書き込みません。`;

const OPTIONS = {
  form: { type: 'string' },
  revision: { type: 'string' },
  full: { type: 'boolean' },
  message: { type: 'string', short: 'm' },
  author: { type: 'string' },
  date: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  today: { type: 'string' },
  pointer: { type: 'string' },
  remark: { type: 'string' },
  set: { type: 'string' },
  public: { type: 'boolean' },
  against: { type: 'string' },
  text: { type: 'string' },
  all: { type: 'boolean' },
  remove: { type: 'string' },
  field: { type: 'string', multiple: true },
  kind: { type: 'string' },
  end: { type: 'string' },
  label: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  title: { type: 'string' },
  data: { type: 'string' },
  at: { type: 'string' },
  summary: { type: 'string' },
  snippet: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

/** Only the options that were given, so optional properties stay absent rather than undefined. */
const pick = <K extends keyof Values>(values: Values, keys: readonly K[]): Partial<Pick<Values, K>> =>
  Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]])) as Partial<Pick<Values, K>>;

const dispatch = async (command: string, target: string, rest: readonly string[], values: Values, io: CliIo): Promise<number> => {
  switch (command) {
    case 'validate':
      return (await import('./commands.js')).validateCommand(target, io);
    case 'new':
      if (values.from !== undefined) return (await import('./reuse-commands.js')).newFromCommand(values.from, target, pick(values, ['revision', 'title']), io);
      return (await import('./commands.js')).newCommand(pick(values, ['form', 'revision']), target, io);
    case 'migrate':
      return (await import('./reuse-commands.js')).migrateCommand(target, values.to, io);
    case 'snippet':
      return (await import('./snippet-commands.js')).snippetCommand(target, rest, { json: values.json ?? false, ...pick(values, ['data', 'at', 'summary', 'snippet']) }, io);
    case 'show':
      return (await import('./commands.js')).showCommand(target, io, values.full ?? false);
    case 'list':
      return (await import('./commands.js')).listCommand(target, io);
    case 'format':
      return (await import('./commands.js')).formatCommand(target, io);
    case 'revise':
      return (await import('./revisions.js')).reviseCommand(target, pick(values, ['message', 'author', 'date', 'kind']), io);
    case 'history':
      return (await import('./revisions.js')).historyCommand(target, io);
    case 'diff':
      return (await import('./revisions.js')).diffCommand(target, rest, values.json ?? false, io);
    case 'rows':
      return (await import('./rows-command.js')).rowsCommand(target, rest[0] ?? '', { json: values.json ?? false, ...pick(values, ['set']) }, io);
    case 'status':
      return (await import('./status-command.js')).statusCommand(target, rest[0], rest[1], { ...pick(values, ['author', 'remark', 'field']), ...(values.message !== undefined ? { reason: values.message } : {}) }, io);
    case 'terminate':
      return (await import('./status-command.js')).terminateCommand(target, pick(values, ['author', 'end', 'date', 'label']), io);
    case 'render':
      return (await import('./render-command.js')).renderCommand(target, pick(values, ['output', 'revision', 'public', 'against']), io);
    case 'publish':
      if (!rest[0]) {
        io.err(USAGE);
        return 2;
      }
      return (await import('./publication.js')).publishCommand(target, rest[0], values.output, io);
    case 'verify':
      return (await import('./publication.js')).verifyCommand(target, rest[0], io);
    case 'withhold':
      return (await import('./publication.js')).withholdCommand(target, rest[0], { ...pick(values, ['text', 'all', 'remove']), ...(values.message !== undefined ? { reason: values.message } : {}) }, io);
    case 'withheld':
      return (await import('./publication.js')).withheldCommand(target, io);
    case 'restore':
      return (await import('./restore-command.js')).restoreCommand(target, rest[0], values.from, io);
    case 'check':
      return (await import('./check.js')).checkCommand(target, { json: values.json ?? false }, io);
    case 'acknowledge':
      if (!rest[0]) {
        io.err(USAGE);
        return 2;
      }
      return (await import('./acknowledge.js')).acknowledgeCommand(target, rest[0], { ...pick(values, ['pointer']), ...(values.message !== undefined ? { reason: values.message } : {}) }, io);
    default:
      io.err(`${fillMessage(M.unknownCommand, { command })}\n${USAGE}`);
      return 2;
  }
};

/** An expected failure: its Japanese message, and the issues or findings it carries, one per line. */
const report = (error: AppError, io: Pick<CliIo, 'err'>): void => {
  io.err(error.messageJa);
  const { issues, findings } = error.details as { issues?: unknown; findings?: unknown };
  const file = typeof error.details.file === 'string' ? error.details.file : '';
  if (Array.isArray(issues)) for (const issue of issues as ValidationIssue[]) io.err(formatIssue(file, issue));
  if (Array.isArray(findings))
    for (const finding of findings as Finding[]) io.err(`  ${finding.paths[0] ?? finding.section}: ${finding.message}`);
};

/** Runs a command: an expected failure prints its message (exit 1, or 2 for a usage mistake), anything else is a bug. */
const guarded = async (io: Pick<CliIo, 'err'>, work: () => Promise<number>): Promise<number> => {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      report(error, io);
      return error.code === 'INVALID_REQUEST' ? 2 : 1;
    }
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 70;
  }
};

/** Commands with options of their own, in modules loaded only for them (the team ones load PGlite and pg). */
const LAZY_COMMANDS: Readonly<Record<string, () => Promise<(args: readonly string[], io: CliIo) => Promise<number>>>> = {
  user: async () => (await import('./team-commands.js')).userCommand,
  audit: async () => (await import('./team-commands.js')).auditCommand,
};

/**
 * The io of a command: the system clock unless the caller brings one (tests), loaded only for a command that runs;
 * and from here on the parse cache, when the caller keeps one (the bundled CLI, src/cli/main.ts).
 */
const withClock = async (io: Omit<CliIo, 'clock'> & { readonly clock?: Clock }): Promise<CliIo> => {
  if (io.yamlCacheDir !== undefined) (await import('../store/index.js')).useYamlCache(io.yamlCacheDir);
  return { ...io, clock: io.clock ?? (await import('../workflows/index.js')).systemClock };
};

/**
 * Run `pia` with `argv` (without the node and script names), on the system clock unless `io` brings one (tests) or
 * --today pins the date. Returns the exit code: 0 done, 1 refused or problems found, 2 a usage mistake, 70 a bug
 * (its stack printed).
 */
export const run = async (argv: readonly string[], io: Omit<CliIo, 'clock'> & { readonly clock?: Clock }): Promise<number> => {
  const lazy = argv[0] !== undefined && Object.hasOwn(LAZY_COMMANDS, argv[0]) ? LAZY_COMMANDS[argv[0]] : undefined;
  if (lazy) return guarded(io, async () => (await lazy())(argv.slice(1), await withClock(io)));
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, target, ...rest] = positionals;
  // Asked for, the usage is the answer (stdout, exit 0); without a command it explains a mistake (stderr, exit 2).
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (!target) {
    io.err(USAGE);
    return 2;
  }
  // The reminders count from today in Japan; --today pins it (reproducible output, checking as of a planned 公表日).
  if (values.today !== undefined && !isIsoDate(values.today)) {
    io.err(fillMessage(M.todayFormat, { value: values.today }));
    return 2;
  }
  const commandIo = await withClock(values.today === undefined ? io : { ...io, clock: (await import('../workflows/index.js')).fixedClock(values.today) });
  return guarded(io, () => dispatch(command, target, rest, values, commandIo));
};

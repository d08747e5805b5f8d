import { parseArgs } from 'node:util';
import { isAppError } from '../errors.js';
import { acknowledgeCommand } from './acknowledge.js';
import { checkCommand } from './check.js';
import { formatCommand, listCommand, newCommand, showCommand, validateCommand, type Output } from './commands.js';
import { diffCommand, historyCommand, reviseCommand, statusCommand } from './revisions.js';
import { renderCommand } from './render-command.js';

const USAGE = `使い方: pia <コマンド> [引数]
  validate <file|dir>          評価書を様式のスキーマで検証します（問題があれば終了コード1）
  new --form 3|4 <path>        空の評価書（様式３=重点項目 / 様式４=全項目）を作成します
  show [--full] <file>         評価書を様式の番号・項目名つきの目次形式で表示します
  list <dir>                   評価書の一覧を表示します
  format <file|dir>            評価書のYAMLを様式の順序・標準の書式に整えます（コメントは残します）
  revise <file> -m "<説明>" [--author <名前>] [--date YYYY-MM-DD]
                               作業中の評価書を新しい改訂として確定し、変更箇所の案を保存します
                               （変更日の既定値は表紙の公表日）
  history <file>               改訂の一覧（変更日・状態・作成者・変更箇所の件数）を表示します
  diff <file> [<改訂A> <改訂B>] [--json]
                               二つの改訂（番号か draft）の変更箇所の案を表で表示します
                               （省略時は最新の改訂と作業中の評価書）
  status <file> <改訂> draft|submitted|published
                               改訂を作成中・提出済み・公表済みにします（提出時期の確認も表示）
  render <file> [-o out.pdf]   公表用の評価書PDF（様式どおりの表・別添・変更箇所）を出力します
  check [--json] [--today YYYY-MM-DD] <file|dir>
                               しきい値判断と項目間の整合性を点検し、様式の節ごとに表示します（エラーがあれば終了コード1）
                               （確認済みの警告は理由とともに「確認済み」と表示します）
  acknowledge <file> <規則ID> [--pointer <JSON Pointer>] -m "<理由>" [--today YYYY-MM-DD]
                               今出ている警告を理由つきで確認済みにし、作業中の評価書に記録します
                               （印字されず、次に確定する改訂とともに保存されます。--pointer 省略時はその規則の警告すべて）
  user add|passwd|disable|enable|role|list …   チームで使うアカウントと役割を管理します（pia user --help）
  audit verify|export …        操作記録の改ざんを検証し、書き出します（pia audit --help）`;

const io: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Only the options that were given, so optional properties stay absent rather than undefined. */
const pick = <T extends object, K extends keyof T>(values: T, keys: readonly K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]])) as Partial<Pick<T, K>>;

/** The reminders count from today; --today pins it (reproducible output, checking as of a planned 公表日). */
const todayOption = (given: string | undefined): string | undefined => {
  const today = given ?? new Date().toISOString().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(today)) return today;
  io.err(`--today は YYYY-MM-DD の形式で指定してください:「${today}」`);
  return undefined;
};

const run = async (argv: string[]): Promise<number> => {
  // pia user … / pia audit …: options of their own, in team-commands.ts, loaded only for them.
  if (argv[0] === 'user' || argv[0] === 'audit')
    return (await import('./team-commands.js')).TEAM_COMMANDS[argv[0]]!(argv.slice(1), io);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      form: { type: 'string' },
      full: { type: 'boolean' },
      message: { type: 'string', short: 'm' },
      author: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      today: { type: 'string' },
      pointer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, target, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (!target) {
    io.err(USAGE);
    return 2;
  }
  switch (command) {
    case 'validate':
      return validateCommand(target, io);
    case 'new':
      return newCommand(values.form, target, io);
    case 'show':
      return showCommand(target, io, values.full ?? false);
    case 'list':
      return listCommand(target, io);
    case 'format':
      return formatCommand(target, io);
    case 'revise':
      return reviseCommand(target, { ...pick(values, ['message', 'author', 'date']) }, io);
    case 'history':
      return historyCommand(target, io);
    case 'diff':
      return diffCommand(target, rest, values.json ?? false, io);
    case 'status':
      return statusCommand(target, rest[0] ?? '', rest[1], io);
    case 'render':
      return renderCommand(target, values.output, io);
    case 'check': {
      const today = todayOption(values.today);
      return today === undefined ? 2 : checkCommand(target, { json: values.json ?? false, today }, io);
    }
    case 'acknowledge': {
      const today = todayOption(values.today);
      if (today === undefined) return 2;
      if (!rest[0]) {
        io.err(USAGE);
        return 2;
      }
      return acknowledgeCommand(target, rest[0], { ...pick(values, ['pointer']), reason: values.message, today }, io);
    }
    default:
      io.err(`不明なコマンドです: ${command}\n${USAGE}`);
      return 2;
  }
};

// exitCode rather than process.exit(): exiting at once would cut off output still queued for a pipe (pia show | less).
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Expected failures get their Japanese message; anything else is a bug and keeps its stack.
    if (isAppError(error)) {
      console.error(error.messageJa);
      process.exitCode = 1;
      return;
    }
    console.error(error);
    process.exitCode = 70;
  },
);

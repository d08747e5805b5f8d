/** The server's settings, read from flags and the environment exactly once, at start. */
import path from 'node:path';
import { AppError } from './errors.js';
import { API_MESSAGES_JA, fillMessage } from './messages.ja.js';

export const DEFAULT_PORT = 3000;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Config = {
  /** The address to listen on; loopback unless `login` is on (team.ts refuses anything else). */
  readonly host: string;
  /** Sign-in required (accounts from `pia user add`); off means single-user mode, allowed on loopback only. */
  readonly login: boolean;
  /** Host names colleagues use to reach the server (`name` or `name:port`), accepted in the Host header. */
  readonly serverNames: readonly string[];
  /** A PostgreSQL server for the team data; unset: embedded PGlite in `<dataDir>/.pia/db`. */
  readonly databaseUrl?: string;
  readonly port: number;
  /** Absolute path of the assessments folder. */
  readonly dataDir: string;
  /** Absolute path of the built UI (vite's output). */
  readonly uiDir: string;
  /** Absolute path of the PDF templates (templates/<form>/<revision>.hbs). */
  readonly templatesDir: string;
  readonly logLevel: LogLevel;
};

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

const configError = (template: string, values: Record<string, string>): AppError =>
  new AppError('INVALID_CONFIG', fillMessage(template, values));

const VALUE_FLAGS = new Set(['--port', '--data', '--host', '--server-name']);

/** `--port 8080`, `--port=8080`, `--data dir`, `--data=dir`, `--host addr`, `--server-name a,b`, and `--login` alone. */
const parseFlags = (argv: readonly string[]): Map<string, string> => {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--login') {
      flags.set(arg, 'on');
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!VALUE_FLAGS.has(name)) throw configError(API_MESSAGES_JA.unknownFlag, { flag: arg });
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === '') throw configError(API_MESSAGES_JA.missingFlagValue, { flag: name });
    flags.set(name, value);
  }
  return flags;
};

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw configError(API_MESSAGES_JA.invalidPort, { value });
  return port;
};

const parseLogLevel = (value: string): LogLevel => {
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw configError(API_MESSAGES_JA.invalidLogLevel, { value, options: LOG_LEVELS.join(' / ') });
  return level;
};

/**
 * Flags win over the environment (PORT, PIA_DATA_DIR, PIA_LOG_LEVEL), which wins over the defaults: port 3000,
 * the bundled `assessments/` folder of the working directory, and warnings only, so `npm start` prints its URL
 * and not a line per request. Throws AppError('INVALID_CONFIG') with a Japanese message.
 */
export const loadConfig = (
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Config => {
  const flags = parseFlags(argv);
  const databaseUrl = env['DATABASE_URL'];
  return {
    host: flags.get('--host') ?? env['PIA_HOST'] ?? '127.0.0.1',
    login: flags.has('--login') || /^(1|true|on|yes)$/i.test(env['PIA_LOGIN'] ?? ''),
    serverNames: (flags.get('--server-name') ?? env['PIA_SERVER_NAMES'] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    ...(databaseUrl ? { databaseUrl } : {}),
    port: parsePort(flags.get('--port') ?? env['PORT'] ?? String(DEFAULT_PORT)),
    dataDir: path.resolve(flags.get('--data') ?? env['PIA_DATA_DIR'] ?? 'assessments'),
    uiDir: path.join(PROJECT_ROOT, 'ui', 'dist'),
    templatesDir: path.join(PROJECT_ROOT, 'templates'),
    logLevel: parseLogLevel(env['PIA_LOG_LEVEL'] ?? 'warn'),
  };
};

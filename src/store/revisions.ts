/**
 * The revisions of one assessment, in `revisions/` beside its draft (see assessments/README.md):
 *   0003.yaml             frozen, created once by an exclusive link: { revision, rows (the starting 変更箇所 rows),
 *                         assessment (the committed document, comments kept) } — one file, so a commit is all or nothing
 *   0003.rows.yaml        the rows the officer confirmed later ({ rows }); atomically replaced, overrides the starting rows
 *   0003.event-0001.yaml  the status log, one immutable file per step ({ status, at, by, reason?, remark?, account?, record? })
 *   0003.status.yaml      (written by earlier versions, read only) { status, changedAt }: the log's first entry
 * Listing reads only what precedes `assessment:` in each frozen file and keeps it, since it never changes.
 */
import { createHash } from 'node:crypto';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'yaml';
import type { ConfirmedRow, RevisionInfo, RevisionStatus, StatusChange, StepRecord, Termination } from '../domain/revision.js';
import { isRevisionKind, isRevisionStatus } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { formRoot, isFormId, type FormId } from '../schema/index.js';
import { FileExistsError, makeFolder, writeFileAtomic, writeFileExclusive, type WriteHooks } from './atomic-write.js';
import { createLru, type Lru } from './lru.js';
import { checkConfirmedRows } from './revision-rows.js';
import { decodeUtf8, parseYaml } from './yaml-parse.js';
import { orderBySchema, stringifyYaml } from './yaml-write.js';

/** A committed revision as listed: its frozen facts, its current rows and its status log, without its content. */
export type StoredRevision = RevisionInfo & {
  readonly status: RevisionStatus;
  readonly statusLog: readonly StatusChange[];
  /** Undefined only for a revision an earlier version committed without ever storing rows. */
  readonly rows: readonly ConfirmedRow[] | undefined;
  /** Version tag of the rows, for compare-and-swap. */
  readonly rowsEtag: string;
};
export type FrozenRevision = StoredRevision & { readonly form: FormId; readonly data: Record<string, unknown> };

/** What a commit writes: the facts, the starting rows and the draft exactly as validated (its comments kept). */
export type NewRevision = {
  readonly info: RevisionInfo;
  readonly rows: readonly ConfirmedRow[];
  readonly form: FormId;
  readonly data: Record<string, unknown>;
  readonly comments?: Document;
};

const FROZEN = /^(\d{4,})\.yaml$/;
const ROWS = /^(\d{4,})\.rows\.yaml$/;
const LEGACY_STATUS = /^(\d{4,})\.status\.yaml$/;
const EVENT = /^(\d{4,})\.event-(\d{4,})\.yaml$/;

const pad = (n: number): string => String(n).padStart(4, '0');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const rowsEtagOf = (rows: readonly ConfirmedRow[] | undefined): string =>
  createHash('sha256').update(JSON.stringify(rows ?? null)).digest('base64url');

type Stamped<T> = { readonly stamp: string; readonly value: T };
type Header = { readonly info: RevisionInfo; readonly rows: readonly ConfirmedRow[] | undefined };

/** Caches of one data folder's revision files, shared by its assessments (keyed by file path). */
export type RevisionCaches = {
  readonly headers: Lru<string, Stamped<Header>>;
  readonly small: Lru<string, Stamped<unknown>>;
  readonly contents: Lru<string, Stamped<{ form: FormId; data: Record<string, unknown> }>>;
};
/** Headers and small files are a few KB each; a document's content is large, so only a few are kept. */
export const createRevisionCaches = (): RevisionCaches => ({
  headers: createLru(4000),
  small: createLru(8000),
  contents: createLru(8),
});

const stampOf = async (file: string): Promise<string | undefined> => {
  const info = await stat(file).catch(() => undefined);
  return info ? `${info.ino}:${info.mtimeMs}:${info.size}` : undefined;
};

const HEADER_END = Buffer.from('\nassessment:');

/**
 * The bytes of a frozen revision before its top-level `assessment:` key (the facts and rows), read in growing chunks
 * so the document itself (most of the file) is not read at all.
 */
const readHeaderBytes = async (file: string): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    let bytes = Buffer.alloc(0);
    for (let size = 16 * 1024; ; size *= 4) {
      const chunk = Buffer.alloc(size);
      const { bytesRead } = await handle.read(chunk, 0, size, bytes.length);
      bytes = Buffer.concat([bytes, chunk.subarray(0, bytesRead)]);
      const end = bytes.indexOf(HEADER_END);
      if (end >= 0) return bytes.subarray(0, end + 1);
      if (bytesRead < size) return bytes;
    }
  } finally {
    await handle.close();
  }
};

/** Read and convert a file, or take it from `cache` while its stamp is unchanged. */
const cachedRead = async <T>(
  cache: Lru<string, Stamped<T>>,
  file: string,
  convert: (text: string) => T,
  read: (file: string) => Promise<Buffer> = readFile,
): Promise<T | undefined> => {
  const stamp = await stampOf(file);
  if (stamp === undefined) return undefined;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.value;
  const bytes = await read(file).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const value = convert(decodeUtf8(bytes, file));
  cache.set(file, { stamp, value });
  return value;
};

const yamlData = (text: string, file: string): Record<string, unknown> => parseYaml(text, file).data as Record<string, unknown>;

const infoOf = (raw: unknown, n: number, file: string): RevisionInfo => {
  if (!isRecord(raw)) throw new AppError('REVISION_NOT_FOUND', `${file}: 改訂${n}の記録が読めません。`, { file, revision: n });
  const base = typeof raw['baseRevision'] === 'number' ? raw['baseRevision'] : n - 1;
  return {
    number: n,
    createdAt: String(raw['createdAt'] ?? ''),
    author: String(raw['author'] ?? ''),
    message: String(raw['message'] ?? ''),
    changeDate: String(raw['changeDate'] ?? ''),
    baseRevision: base,
    // Revisions of earlier versions had no withdrawal, so their rows were always against their base.
    predecessor: typeof raw['predecessor'] === 'number' ? raw['predecessor'] : base,
    ...(isRevisionKind(raw['kind']) ? { kind: raw['kind'] } : {}),
    ...(typeof raw['account'] === 'string' ? { account: raw['account'] } : {}),
    ...(terminationOf(raw['termination']) ?? {}),
  };
};

const terminationOf = (raw: unknown): { termination: Termination } | undefined => {
  if (!isRecord(raw)) return undefined;
  const { endDate, label, keepPublishedUntil } = raw;
  return typeof endDate === 'string' && typeof label === 'string' && typeof keepPublishedUntil === 'string'
    ? { termination: { endDate, label, keepPublishedUntil } }
    : undefined;
};

/** A step's entered values: strings and numbers only, whatever else a hand edit left there is dropped. */
const stepRecordOf = (raw: unknown): StepRecord | undefined => {
  if (!isRecord(raw)) return undefined;
  const kept = Object.entries(raw).filter((entry): entry is [string, string | number] =>
    typeof entry[1] === 'string' || typeof entry[1] === 'number',
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
};

const rowsOf = (value: unknown): ConfirmedRow[] | undefined => (Array.isArray(value) ? (value as ConfirmedRow[]) : undefined);

/** The facts and starting rows, from the text before the top-level `assessment:` key: the document is never parsed. */
const parseHeader = (n: number, file: string) => (text: string): Header => {
  const data = yamlData(text, file);
  return { info: infoOf(data['revision'], n, file), rows: rowsOf(data['rows']) };
};

const parseEvent = (file: string) => (text: string): StatusChange | undefined => {
  const data = yamlData(text, file);
  if (!isRevisionStatus(data['status'])) return undefined;
  const text_ = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  const reason = text_('reason');
  const remark = text_('remark');
  const account = text_('account');
  const record = stepRecordOf(data['record']);
  return {
    status: data['status'],
    at: text_('at') ?? '',
    by: text_('by') ?? '',
    ...(reason !== undefined ? { reason } : {}),
    ...(remark !== undefined ? { remark } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(record !== undefined ? { record } : {}),
  };
};

/** The state file of earlier versions, as the log's first entry (they recorded no name). */
const parseLegacyStatus = (file: string) => (text: string): StatusChange | undefined => {
  const data = yamlData(text, file);
  return isRevisionStatus(data['status'])
    ? { status: data['status'], at: typeof data['changedAt'] === 'string' ? data['changedAt'] : '', by: '' }
    : undefined;
};

export type RevisionFiles = {
  readonly dir: string;
  numbers: () => Promise<number[]>;
  list: () => Promise<StoredRevision[]>;
  read: (n: number) => Promise<FrozenRevision>;
  /** Create revision `info.number`; REVISION_CONFLICT when that number exists. */
  commit: (revision: NewRevision, hooks?: WriteHooks) => Promise<void>;
  saveRows: (n: number, rows: readonly ConfirmedRow[], hooks?: WriteHooks) => Promise<void>;
  appendStatus: (n: number, change: StatusChange, hooks?: WriteHooks) => Promise<void>;
};

export const revisionFiles = (assessmentFile: string, caches: RevisionCaches): RevisionFiles => {
  const dir = path.join(path.dirname(assessmentFile), 'revisions');
  const file = (name: string): string => path.join(dir, name);
  const frozenFile = (n: number): string => file(`${pad(n)}.yaml`);

  const names = async (): Promise<string[]> =>
    readdir(dir).catch((cause: unknown) => {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
      throw cause;
    });

  const matching = (all: readonly string[], pattern: RegExp): Map<number, string[]> => {
    const found = new Map<number, string[]>();
    for (const name of [...all].sort()) {
      const match = pattern.exec(name);
      if (match) found.set(Number(match[1]), [...(found.get(Number(match[1])) ?? []), name]);
    }
    return found;
  };

  const notFound = (n: number): AppError =>
    new AppError('REVISION_NOT_FOUND', `${assessmentFile}: 改訂${n}はありません。`, { file: assessmentFile, revision: n });

  const small = <T>(name: string, convert: (text: string) => T): Promise<T | undefined> =>
    cachedRead(caches.small as Lru<string, Stamped<T>>, file(name), convert);

  const statusLog = async (legacy: string | undefined, events: readonly string[]): Promise<StatusChange[]> => {
    const first = legacy ? await small(legacy, parseLegacyStatus(file(legacy))) : undefined;
    const later = await Promise.all(events.map((name) => small(name, parseEvent(file(name)))));
    return [first, ...later].filter((change): change is StatusChange => change !== undefined);
  };

  const stored = async (n: number, all: readonly string[]): Promise<StoredRevision> => {
    const header = await cachedRead(caches.headers, frozenFile(n), parseHeader(n, frozenFile(n)), readHeaderBytes);
    if (!header) throw notFound(n);
    const rowsName = matching(all, ROWS).get(n)?.[0];
    const confirmed = rowsName ? await small(rowsName, (text) => rowsOf(yamlData(text, file(rowsName))['rows'])) : undefined;
    const rows = confirmed ?? header.rows;
    const log = await statusLog(matching(all, LEGACY_STATUS).get(n)?.[0], matching(all, EVENT).get(n) ?? []);
    return { ...header.info, status: log.at(-1)?.status ?? 'draft', statusLog: log, rows, rowsEtag: rowsEtagOf(rows) };
  };

  const numbers = async (): Promise<number[]> => [...matching(await names(), FROZEN).keys()].sort((a, b) => a - b);

  const content = async (n: number): Promise<{ form: FormId; data: Record<string, unknown> }> => {
    const path_ = frozenFile(n);
    const stamp = await stampOf(path_);
    if (stamp === undefined) throw notFound(n);
    const hit = caches.contents.get(path_);
    if (hit?.stamp === stamp) return hit.value;
    const frozen = yamlData(decodeUtf8(await readFile(path_), path_), path_);
    const data = isRecord(frozen['assessment']) ? frozen['assessment'] : {};
    const form = data['form'];
    if (!isFormId(form)) throw new AppError('UNKNOWN_FORM', `${path_}: 様式（form）が分かりません。`, { file: path_ });
    const value = { form, data };
    caches.contents.set(path_, { stamp, value });
    return value;
  };

  return {
    dir,
    numbers,
    list: async () => {
      const all = await names();
      return Promise.all([...matching(all, FROZEN).keys()].sort((a, b) => a - b).map((n) => stored(n, all)));
    },
    read: async (n) => {
      const [meta, frozen] = await Promise.all([stored(n, await names()), content(n)]);
      return { ...meta, ...frozen };
    },
    commit: async ({ info, rows, form, data, comments }, hooks) => {
      checkConfirmedRows(rows, frozenFile(info.number));
      const text = stringifyYaml({ revision: info, rows, assessment: orderBySchema(data, formRoot(form)) }, comments, ['assessment']);
      await makeFolder(dir);
      try {
        await writeFileExclusive(frozenFile(info.number), text, hooks);
      } catch (error) {
        // Writers of this tool hold the folder lock and checked the number; only another program can get here.
        if (error instanceof FileExistsError) {
          throw new AppError('REVISION_CONFLICT', `${assessmentFile}: 改訂${info.number}は別の操作ですでに作られています。`, {
            file: assessmentFile,
            latestRevision: info.number,
          });
        }
        throw error;
      }
    },
    saveRows: async (n, rows, hooks) => {
      const target = file(`${pad(n)}.rows.yaml`);
      checkConfirmedRows(rows, target);
      await writeFileAtomic(target, stringifyYaml({ rows }), hooks);
    },
    appendStatus: async (n, change, hooks) => {
      const next = (matching(await names(), EVENT).get(n)?.length ?? 0) + 1;
      try {
        await writeFileExclusive(file(`${pad(n)}.event-${pad(next)}.yaml`), stringifyYaml(change), hooks);
      } catch (error) {
        // The caller holds the folder lock, so only a writer that ignores it could have taken this number.
        if (error instanceof FileExistsError) throw new Error(`status log of revision ${n} changed under the folder lock`);
        throw error;
      }
    },
  };
};

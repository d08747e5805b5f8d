/**
 * The write lock of one assessment folder, across processes: the editor's server and any number of `pia` commands
 * may run at once, and every writer of the draft, the rows or the status takes this lock around its
 * read-check-write, so a compare-and-swap cannot be overtaken between its check and its write.
 *
 * The lock is a file created exclusively (`.pia.lock`) holding the holder's pid, host and a token. A lock whose
 * holder died (kill -9, power cut) is broken by the next writer: on this host when its pid no longer runs,
 * anywhere once it is older than any write can take.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';
import { STORE_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { writeFailed } from './atomic-write.js';
import { createKeyedLock } from './keyed-lock.js';

const LOCK_FILE = '.pia.lock';
/** A writer waits this long for another before it gives up with ASSESSMENT_BUSY. */
const WAIT_MS = 20_000;
/** No write holds the lock this long; an older lock is a dead holder's, whatever host it came from. */
const STALE_MS = 120_000;
/** A lock file still empty after this long was left by a writer that died between creating and filling it. */
const EMPTY_STALE_MS = 5_000;
const POLL_MS = 10;

type Holder = { pid: number; host: string; token: string };

/** Whether a process runs on this host (EPERM: it runs, as another user). */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const parseHolder = (text: string): Holder | undefined => {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string'
      ? (value as Holder)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The lock's content when its holder is gone, undefined while it may still be held (or when it has vanished). */
const staleContent = async (lock: string): Promise<string | undefined> => {
  const [text, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]).catch(() => [undefined, undefined] as const);
  if (text === undefined || info === undefined) return undefined;
  const age = Date.now() - info.mtimeMs;
  const holder = parseHolder(text);
  if (!holder) return age > EMPTY_STALE_MS ? text : undefined;
  if (holder.host === os.hostname() && !isProcessAlive(holder.pid)) return text;
  return age > STALE_MS ? text : undefined;
};

/**
 * Remove a stale lock, unless someone replaced it meanwhile. Breakers take a second lock, so two of them cannot
 * both judge the same dead lock and the slower one remove the faster one's fresh lock.
 */
const breakStale = async (lock: string, stale: string): Promise<void> => {
  const breaker = `${lock}.break`;
  try {
    await (await open(breaker, 'wx')).close();
  } catch {
    // Another writer is breaking it; a breaker left by a crash is itself stale after a moment.
    const info = await stat(breaker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > EMPTY_STALE_MS) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    if ((await readFile(lock, 'utf8').catch(() => undefined)) === stale) await unlink(lock).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
};

/**
 * Create the lock file with our holder in it; undefined when it exists. The file stays open while the lock is held,
 * so `release` tells from its link count whether it is still ours, instead of reading it back.
 */
const tryCreate = async (lock: string, content: string, missing: () => AppError): Promise<FileHandle | undefined> => {
  try {
    const handle = await open(lock, 'wx', 0o644);
    try {
      await handle.writeFile(content);
    } catch (cause) {
      await handle.close();
      await unlink(lock).catch(() => undefined);
      throw cause;
    }
    return handle;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
    throw writeFailed(path.dirname(lock), cause);
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const acquire = async (dir: string, id: string, missing: () => AppError): Promise<() => Promise<void>> => {
  const lock = path.join(dir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') });
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt += 1) {
    const handle = await tryCreate(lock, content, missing);
    if (handle) {
      // Only our own lock is removed: one broken as stale meanwhile may be someone else's by now.
      return async () => {
        // Still linked: then at the lock's path, the only name it ever had. Unlinked: broken as stale meanwhile.
        const linked = await handle.stat().then((info) => info.nlink > 0, () => false);
        await Promise.all([linked && unlink(lock).catch(() => undefined), handle.close().catch(() => undefined)]);
      };
    }
    const stale = await staleContent(lock);
    if (stale !== undefined) {
      await breakStale(lock, stale);
      continue;
    }
    if (Date.now() > deadline) throw new AppError('ASSESSMENT_BUSY', fillMessage(STORE_MESSAGES_JA.busy, { id }), { id });
    await sleep(Math.min(POLL_MS * (1 + attempt), 100));
  }
};

const inProcess = createKeyedLock();

/**
 * Run `task` holding the folder's write lock (queued behind this process's other writers of the folder). `missing`
 * is the error for a folder that does not exist.
 */
export const withFolderLock = <T>(dir: string, id: string, missing: () => AppError, task: () => Promise<T>): Promise<T> =>
  inProcess(path.resolve(dir), async () => {
    const release = await acquire(dir, id, missing);
    try {
      return await task();
    } finally {
      await release();
    }
  });

import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { link, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../errors.js';
import { STORE_MESSAGES_JA, fillMessage } from '../messages.ja.js';

/**
 * beforeRename runs after the temp file is on disk and right before it replaces the target: tests use it to
 * simulate a crash, saves use it to check that nobody replaced the target meanwhile (an AppError it throws
 * aborts the write and is passed on unchanged).
 */
export type WriteHooks = {
  beforeRename?: (tempFile: string) => Promise<void> | void;
  /** Work of the writer's own (a save validates its data) done while the disk flushes the temp file, not after. */
  whileFlushing?: () => void;
};

/** Thrown by writeFileExclusive when the target already exists: someone else created it first. */
export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
    this.name = 'FileExistsError';
  }
}

const reasonOf = (cause: unknown): string => {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return STORE_MESSAGES_JA.noSpace;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return STORE_MESSAGES_JA.readOnly;
  return STORE_MESSAGES_JA.ioError;
};

/** A write the disk refused (full, read-only, no permission …): an answer for the user, never a 500. */
export const writeFailed = (file: string, cause: unknown): AppError =>
  new AppError('WRITE_FAILED', fillMessage(STORE_MESSAGES_JA.writeFailed, { file, reason: reasonOf(cause) }), { file }, { cause });

/** mkdir -p, with the disk's refusal as WRITE_FAILED. */
export const makeFolder = async (dir: string): Promise<void> => {
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw writeFailed(dir, cause);
  }
};

/** How temp files are named: hidden, beside the target, with the writer's pid so a cleanup can tell a dead writer's. */
export const TEMP_FILE = /^\.(.+)\.tmp-(\d+)-[0-9a-f]+$/;
const tempFileFor = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);

/**
 * Write a temp file beside the target (rename and link are atomic only within one file system), flush it
 * to disk, then let `publish` move it into place and flush the folder. A failure at any point before the move
 * leaves the previous file untouched.
 */
const writeThroughTemp = async (
  file: string,
  content: string | Uint8Array,
  hooks: WriteHooks,
  publish: (temp: string) => Promise<void>,
): Promise<Stats> => {
  const temp = tempFileFor(file);
  // Opened while the temp file is written, so that its flush after the move waits for nothing else.
  const folder = open(path.dirname(file), 'r').catch(() => undefined);
  let written: Stats;
  try {
    const handle = await open(temp, 'wx', 0o644);
    let closed: Promise<void> | undefined;
    try {
      await handle.writeFile(content);
      // What the file will stat as in its place (a rename keeps inode, size and mtime): the store's version stamp.
      const flushed = Promise.all([handle.sync(), handle.stat()]);
      try {
        hooks.whileFlushing?.();
      } finally {
        [, written] = await flushed;
      }
      // Closed while the hook looks at the target: the bytes are on disk, and a rename does not need it closed.
      closed = handle.close();
      closed.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
      await hooks.beforeRename?.(temp);
    } finally {
      await (closed ?? handle.close());
    }
    await publish(temp);
  } catch (cause) {
    await Promise.all([unlink(temp).catch(() => undefined), closeFolder(folder)]);
    // A hook's own refusal (e.g. the file changed under us) and a lost exclusive create are answers, not write failures.
    if (isAppError(cause) || cause instanceof FileExistsError) throw cause;
    throw writeFailed(file, cause);
  }
  await syncFolder(folder);
  return written;
};

const closeFolder = async (folder: Promise<FileHandle | undefined>): Promise<void> => {
  await (await folder)?.close().catch(() => undefined);
};

/**
 * Flush a folder's entries to disk, so that a file just renamed or linked into it is still there after a power
 * cut (the file's own flush keeps its bytes, not its name). The new file is in place already: a file system that
 * cannot open or flush a folder (some network shares refuse it) leaves the write done, as it was before this flush.
 */
const syncFolder = async (folder: Promise<FileHandle | undefined>): Promise<void> => {
  const handle = await folder;
  try {
    await handle?.sync();
  } catch {
    // See above: the write is done; only its durability across a power cut is up to the file system.
  } finally {
    await closeFolder(folder);
  }
};

/** Replace a file atomically; resolves with the new file's stat. */
export const writeFileAtomic = (file: string, content: string | Uint8Array, hooks: WriteHooks = {}): Promise<Stats> =>
  writeThroughTemp(file, content, hooks, (temp) => rename(temp, file));

/**
 * Create a file atomically, only if it does not exist yet: link() fails with EEXIST instead of replacing,
 * so of two writers racing for the same name exactly one wins and the other gets a FileExistsError.
 */
export const writeFileExclusive = async (file: string, content: string, hooks: WriteHooks = {}): Promise<void> => {
  await writeThroughTemp(file, content, hooks, async (temp) => {
    try {
      await link(temp, file);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
      throw cause;
    }
    // The file is in place; a leftover hidden temp name is harmless (start-up removes it), so this may fail quietly.
    await unlink(temp).catch(() => undefined);
  });
};

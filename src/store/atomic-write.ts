import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../errors.js';

/**
 * beforeRename runs after the temp file is on disk and right before it replaces the target: tests use it to
 * simulate a crash, saves use it to check that nobody replaced the target meanwhile (an AppError it throws
 * aborts the write and is passed on unchanged).
 */
export type WriteHooks = { beforeRename?: (tempFile: string) => Promise<void> | void };

/**
 * Replace a file atomically: write a temp file beside it (rename is atomic only within one file system),
 * flush it to disk, then rename over the target. A failure at any point leaves the previous file untouched.
 */
export const writeFileAtomic = async (file: string, content: string | Uint8Array, hooks: WriteHooks = {}): Promise<void> => {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, file);
  } catch (cause) {
    await unlink(temp).catch(() => undefined);
    // A hook's own refusal (e.g. the file changed under us) is the answer, not a write failure.
    if (isAppError(cause)) throw cause;
    throw new AppError('WRITE_FAILED', `${file}: 保存できませんでした。前回保存した内容はそのまま残っています。`, { file }, { cause });
  }
};

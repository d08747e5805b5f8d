import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

/** Hook for tests that simulate a crash between writing the temp file and renaming it. */
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
    throw new AppError('WRITE_FAILED', `${file}: 保存できませんでした。前回保存した内容はそのまま残っています。`, { file }, { cause });
  }
};

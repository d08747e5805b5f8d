import path from 'node:path';
import { AppError } from '../errors.js';
import { makeFolder, writeFileAtomic } from './atomic-write.js';

/**
 * Write the files of a publication bundle into `dir` (created if need be), each atomically. A name leading out of
 * the folder is refused: names come from the document (its diagram images).
 */
export const writeBundle = async (dir: string, files: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Promise<string[]> => {
  const root = path.resolve(dir);
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(root, file.name);
    if (!target.startsWith(root + path.sep)) throw new AppError('INVALID_REQUEST', `書き出せないファイル名です: ${file.name}`, { file: file.name });
    await makeFolder(path.dirname(target));
    await writeFileAtomic(target, file.bytes);
    written.push(target);
  }
  return written;
};

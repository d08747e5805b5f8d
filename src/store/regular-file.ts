import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/**
 * Open without blocking and decide on the opened file itself (no race between a check and the read): a FIFO in
 * place of a file would otherwise hang the read forever, and /dev/zero would never end. `accept` throws what to
 * tell the user for anything it refuses (not a regular file, too large) and is given the file's stat.
 */
export const readRegularFile = async (file: string, accept: (info: Stats) => void, flags = 0): Promise<Buffer> => {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | flags);
  try {
    accept(await handle.stat());
    return await handle.readFile();
  } finally {
    await handle.close();
  }
};

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

/**
 * Whether `file` holds exactly `bytes` now, from one read of that many bytes and one more: a save's last check that
 * nobody replaced the file it read, without reading it whole a second time. False when it cannot tell at once (a
 * short read, anything but a file): the caller then reads the file as it always does and compares.
 */
export const fileHolds = async (file: string, bytes: Uint8Array): Promise<boolean> => {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => undefined);
  if (!handle) return false;
  try {
    const buffer = Buffer.allocUnsafeSlow(bytes.length + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return bytesRead === bytes.length && buffer.subarray(0, bytesRead).equals(bytes);
  } catch {
    return false;
  } finally {
    await handle.close();
  }
};

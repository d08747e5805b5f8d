/**
 * Temp files a crash left behind (`.assessment.yaml.tmp-<pid>-<hex>`, `revisions/.0003.yaml.tmp-…`): harmless, since
 * a temp file only becomes a document by an atomic rename or link, but they pile up. They are removed when the
 * server starts and when a `pia` command opens an assessment, unless a live writer may still own them.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_FILE } from './atomic-write.js';
import { isProcessAlive } from './folder-lock.js';

/**
 * A file whose writer's pid still runs is given this long (that pid may have been reused by another process, or the
 * folder be shared with another host); one whose writer's pid is gone cannot be being written.
 */
const LIVE_WRITER_GRACE_MS = 60 * 60 * 1000;

const namesIn = async (dir: string): Promise<string[]> => readdir(dir).catch(() => [] as string[]);

const isAbandoned = async (file: string, pid: number, now: number): Promise<boolean> => {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (pid !== process.pid && !isProcessAlive(pid)) return true;
  return now - info.mtimeMs > LIVE_WRITER_GRACE_MS;
};

/** Folders looked into at once: a data folder of 10,000 assessments is swept in well under a second. */
const PARALLEL = 16;

/** Remove abandoned temp files in `dirs` (not below them); returns how many went. */
export const removeAbandonedTempFiles = async (dirs: readonly string[], now = Date.now()): Promise<number> => {
  let removed = 0;
  const sweep = async (dir: string): Promise<void> => {
    for (const name of await namesIn(dir)) {
      const match = TEMP_FILE.exec(name);
      if (!match) continue;
      const file = path.join(dir, name);
      if (await isAbandoned(file, Number(match[2]), now)) {
        await unlink(file).then(() => (removed += 1), () => undefined);
      }
    }
  };
  for (let start = 0; start < dirs.length; start += PARALLEL) await Promise.all(dirs.slice(start, start + PARALLEL).map(sweep));
  return removed;
};

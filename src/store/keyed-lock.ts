/**
 * Runs tasks for the same key one after another, and tasks for different keys freely. Writers of one assessment
 * folder queue here before taking its lock file, so writers of one process wait for each other without polling.
 */
export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export const createKeyedLock = (): KeyedLock => {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      // Only the last task queued for a key may forget it; a later one may already be waiting on this tail.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
};

/** The most recently used `capacity` entries (a Map keeps insertion order, so re-inserting marks use). */
export type Lru<K, V> = { get: (key: K) => V | undefined; set: (key: K, value: V) => void; delete: (key: K) => void };

/**
 * `weigh` bounds the entries by their total weight (bytes, say) instead of their number, for values whose size
 * varies by orders of magnitude; the newest entry always stays.
 */
export const createLru = <K, V>(capacity: number, weigh: (value: V) => number = () => 1): Lru<K, V> => {
  const entries = new Map<K, V>();
  let total = 0;
  const remove = (key: K): void => {
    const value = entries.get(key);
    if (value === undefined) return;
    entries.delete(key);
    total -= weigh(value);
  };
  return {
    get: (key) => {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set: (key, value) => {
      remove(key);
      entries.set(key, value);
      total += weigh(value);
      for (const oldest of entries.keys()) {
        if (total <= capacity || entries.size <= 1) break;
        remove(oldest);
      }
    },
    delete: remove,
  };
};

/** The most recently used `capacity` entries (a Map keeps insertion order, so re-inserting marks use). */
export type Lru<K, V> = { get: (key: K) => V | undefined; set: (key: K, value: V) => void; delete: (key: K) => void };

export const createLru = <K, V>(capacity: number): Lru<K, V> => {
  const entries = new Map<K, V>();
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
      entries.delete(key);
      entries.set(key, value);
      for (const oldest of entries.keys()) {
        if (entries.size <= capacity) break;
        entries.delete(oldest);
      }
    },
    delete: (key) => void entries.delete(key),
  };
};

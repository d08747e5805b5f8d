/**
 * Request bodies of JSON: the depth check that runs before parsing, and the parse of a large body that may run in
 * a worker thread (json-body-pool.ts) because it is plain JSON, whose result is JSON.parse's. Nothing else is
 * imported here: a worker loads this alone.
 */
/** Whether JSON text nests more than `max` arrays and objects, read without parsing it. */
export const jsonNestsDeeper = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
};

/**
 * The value of a body the server's parser would accept as it is: JSON within `maxNesting`, with no `__proto__` and
 * no \u escape anywhere (fastify's parser looks for a `__proto__` key, escaped or not, only in such text; without
 * one its result is JSON.parse's). Undefined for any other body, which the server's own parser then judges, so
 * every refusal keeps its code and message.
 */
export const parsePlainJson = (bytes: Uint8Array, maxNesting: number): { value: unknown } | undefined => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.includes('__proto__') || text.includes('\\u') || jsonNestsDeeper(text, maxNesting)) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
};

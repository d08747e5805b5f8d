/**
 * The CLI's cache of parsed assessments: parsing 001's 250 KB of YAML costs yaml 0.2–0.3 s of CPU, far more than
 * everything else `pia validate` does, while reading back the same data with v8.deserialize costs a few ms. An
 * entry is keyed by the SHA-256 of the text, in a folder the caller names per build (the bundle's content hash,
 * src/cli/main.ts), so a change of the parser or its checks can never meet an old entry. Only text that parsed
 * without an error is kept; the document tree and line counter, which only error positions and comment-keeping
 * writers need, are parsed again from the text when first asked for, so a hit returns what a parse returns.
 * The entries are copies of documents: owner-only files, at most MAX_ENTRIES of them, in a folder the next
 * build removes. A cache that cannot be read or written costs only speed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { parseYaml, type ParsedYaml } from './yaml-parse.js';

const MAX_ENTRIES = 32;

let cacheDir: string | undefined;

/** Keep parsed assessments in `dir` from now on in this process (undefined: stop). */
export const useYamlCache = (dir: string | undefined): void => {
  cacheDir = dir;
};

/** The parse of `text` with its tree parsed only when asked for. */
const fromCache = (text: string, file: string, data: unknown): ParsedYaml => {
  let parsed: ParsedYaml | undefined;
  const full = (): ParsedYaml => (parsed ??= parseYaml(text, file));
  return {
    data,
    get doc() {
      return full().doc;
    },
    get lineCounter() {
      return full().lineCounter;
    },
  };
};

const readEntry = (entry: string): unknown => {
  try {
    return deserialize(readFileSync(entry));
  } catch {
    return undefined;
  }
};

/** Oldest entries out, so the folder holds the documents in use and no archive of old versions. */
const evict = (dir: string): void => {
  const entries = readdirSync(dir).map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }));
  entries.sort((a, b) => b.time - a.time);
  for (const { name } of entries.slice(MAX_ENTRIES)) rmSync(path.join(dir, name), { force: true });
};

const writeEntry = (dir: string, entry: string, data: unknown): void => {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${entry}.${process.pid}.tmp`;
    writeFileSync(temp, serialize(data), { mode: 0o600 });
    renameSync(temp, entry);
    evict(dir);
  } catch {
    // Only speed is lost.
  }
};

/** parseYaml, through the cache when one is in use. */
export const parseYamlCached = (text: string, file: string): ParsedYaml => {
  const dir = cacheDir;
  if (dir === undefined) return parseYaml(text, file);
  const entry = path.join(dir, createHash('sha256').update(text).digest('hex'));
  const data = readEntry(entry);
  if (data !== undefined) return fromCache(text, file, data);
  const parsed = parseYaml(text, file);
  writeEntry(dir, entry, parsed.data);
  return parsed;
};

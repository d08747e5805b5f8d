/**
 * The CLI's cache of parsed assessments: parsing 001's 250 KB of YAML costs yaml 0.2–0.3 s of CPU, far more than
 * everything else `pia validate` does, while reading back the same data with v8.deserialize costs a few ms. An
 * entry is keyed by the SHA-256 of the file's bytes, in a folder the caller names per build (the bundle's content hash,
 * src/cli/main.ts), so a change of the parser or its checks can never meet an old entry. Only text that parsed
 * without an error is kept; the text, the document tree and the line counter, which only error positions and
 * comment-keeping writers need, are decoded and parsed again when first asked for, so a hit returns what a parse
 * returns.
 * Each top-level entry of a document (yaml-sections.ts) is kept as well, so after an edit only the entries that
 * changed are parsed: the usual `pia validate` after editing one item no longer parses the 変更箇所 history too.
 * The entries are copies of documents: owner-only files, at most MAX_ENTRIES of them, in a folder the next
 * build removes. A cache that cannot be read or written costs only speed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { MAX_VALUES } from '../schema/index.js';
import { decodeUtf8, parseYaml, parseYamlCounted, type ParsedYaml } from './yaml-parse.js';
import { topLevelSections, type YamlSection } from './yaml-sections.js';

/** A few dozen documents, each as a whole and by its top-level entries. */
export const MAX_ENTRIES = 256;

let cacheDir: string | undefined;

/** Keep parsed assessments in `dir` from now on in this process (undefined: stop). */
export const useYamlCache = (dir: string | undefined): void => {
  cacheDir = dir;
};

/**
 * The parse of the file's bytes with its text decoded and its tree parsed only when asked for: an entry exists
 * only for bytes that once decoded and parsed without an error.
 */
const fromCache = (bytes: Uint8Array, file: string, data: unknown): ParsedYaml => {
  let parsed: ParsedYaml | undefined;
  const full = (): ParsedYaml => (parsed ??= parseYaml(decodeUtf8(bytes, file), file));
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
  try {
    const entries = readdirSync(dir).map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }));
    entries.sort((a, b) => b.time - a.time);
    for (const { name } of entries.slice(MAX_ENTRIES)) rmSync(path.join(dir, name), { force: true });
  } catch {
    // Only speed is lost; another process may be evicting the same entries.
  }
};

/** Whether the entry was written. */
const writeEntry = (dir: string, entry: string, data: unknown): boolean => {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${entry}.${process.pid}.tmp`;
    writeFileSync(temp, serialize(data), { mode: 0o600 });
    renameSync(temp, entry);
    return true;
  } catch {
    return false; // only speed is lost
  }
};

const hashOf = (source: string | Uint8Array): string => createHash('sha256').update(source).digest('hex');

/** What is kept of one top-level entry: its parse ({key: value}) and the values lexed, for the document's limit. */
type SectionEntry = { readonly data: Record<string, unknown>; readonly values: number };

/** One entry's parse, from the cache or parsed now; undefined where it does not stand on its own. */
const parseSection = (dir: string, section: YamlSection, file: string): SectionEntry | undefined => {
  const entry = path.join(dir, `s-${hashOf(section.text)}`);
  const kept = readEntry(entry) as Partial<SectionEntry> | undefined;
  if (typeof kept?.values === 'number' && typeof kept.data === 'object' && kept.data !== null) return kept as SectionEntry;
  let counted: ReturnType<typeof parseYamlCounted>;
  try {
    counted = parseYamlCounted(section.text, file);
  } catch {
    return undefined; // the whole text's parse reports it, with the position in the whole file
  }
  const data = counted.parsed.data as Record<string, unknown>;
  const keys = Object.keys(data);
  // An alias may name an anchor of another entry, and the alias limit is the document's: such texts parse whole.
  if (counted.aliases > 0 || keys.length !== 1 || keys[0] !== section.key) return undefined;
  const parsed: SectionEntry = { data, values: counted.values };
  writeEntry(dir, entry, parsed);
  return parsed;
};

/**
 * The document's data put together from its top-level entries, or undefined where it must be parsed whole: it
 * does not cut into entries, an entry does not parse on its own, or all of them hold more values than one
 * document may.
 */
const parseBySections = (dir: string, text: string, file: string): Record<string, unknown> | undefined => {
  const sections = topLevelSections(text);
  if (!sections) return undefined;
  const data: Record<string, unknown> = {};
  let values = 0;
  for (const section of sections) {
    const parsed = parseSection(dir, section, file);
    if (!parsed) return undefined;
    values += parsed.values;
    if (values > MAX_VALUES) return undefined;
    data[section.key] = parsed.data[section.key];
  }
  return data;
};

/**
 * parseYaml of a file's bytes (decoded strictly as UTF-8), through the cache when one is in use; a hit neither
 * decodes nor parses them.
 */
export const parseYamlCached = (bytes: Uint8Array, file: string): ParsedYaml => {
  const dir = cacheDir;
  if (dir === undefined) return parseYaml(decodeUtf8(bytes, file), file);
  const entry = path.join(dir, hashOf(bytes));
  const data = readEntry(entry);
  if (data !== undefined) return fromCache(bytes, file, data);
  const text = decodeUtf8(bytes, file);
  const sectioned = parseBySections(dir, text, file);
  if (sectioned !== undefined) {
    if (writeEntry(dir, entry, sectioned)) evict(dir);
    return fromCache(bytes, file, sectioned);
  }
  const parsed = parseYaml(text, file);
  if (writeEntry(dir, entry, parsed.data)) evict(dir);
  return parsed;
};

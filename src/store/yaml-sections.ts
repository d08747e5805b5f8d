/**
 * An assessment's YAML cut into its top-level entries (`cover:`, `basicInfo:`, `files:` …), so that after an edit
 * only the entry that changed is parsed again (yaml-cache.ts): 001's 変更箇所 history alone is two thirds of its
 * 250 KB, and parsing the whole text costs yaml a third of a second in a fresh process.
 *
 * A cut is made only where the whole document's parse must start a new top-level entry, and only texts whose every
 * line at column 0 is such a key, a comment or blank are cut at all. YAML's rules make that safe: a block scalar
 * (| or >) under a top-level key ends at the first less-indented line, and a plain scalar cannot contain ": ".
 * What could carry on across a cut (a quoted text or a flow collection left open, an alias of an anchor in
 * another entry) leaves an entry that does not parse on its own, and the caller then parses the whole text.
 */

/** A top-level entry: its key and its text, from the key's line to the line before the next key. */
export type YamlSection = { readonly key: string; readonly text: string };

/** The keys of the form schemas: a letter, then letters, digits and underscores, then the colon and a space or the line's end. */
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_]*):(?:[ \t]|\r?$)/;
/** Blank lines and comments, at column 0 or indented. */
const NOTHING = /^[ \t]*(?:#.*)?\r?$/;

/**
 * The text's top-level entries in order, or undefined where the text is not plainly a mapping of such keys: a
 * directive, a document marker, a sequence or an explicit key at the top, anything before the first key but
 * comments, a key written twice (left for the whole parse to report).
 */
export const topLevelSections = (text: string): YamlSection[] | undefined => {
  const sections: YamlSection[] = [];
  const keys = new Set<string>();
  let key: string | undefined;
  let start = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, newline === -1 ? text.length : newline);
    const first = line[0];
    if (first !== undefined && first !== ' ' && first !== '\t' && first !== '#' && first !== '\r') {
      const match = KEY_LINE.exec(line);
      if (!match || keys.has(match[1]!)) return undefined;
      if (key !== undefined) sections.push({ key, text: text.slice(start, lineStart) });
      key = match[1]!;
      keys.add(key);
      start = lineStart;
    } else if (key === undefined && !NOTHING.test(line)) {
      return undefined;
    }
    lineStart = lineEnd;
  }
  if (key === undefined) return undefined;
  sections.push({ key, text: text.slice(start) });
  return sections;
};

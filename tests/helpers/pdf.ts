/**
 * Looking inside a PDF the way a reader (or an attacker) would: every stream inflated, every string decoded, the
 * text poppler extracts, the metadata, the structure tree and the bookmarks.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/** The PDF as latin1 text with every Flate stream replaced by its inflated bytes. */
export const inflatedPdf = (pdf: Uint8Array): string => {
  const raw = Buffer.from(pdf);
  const text = raw.toString('latin1');
  let out = '';
  let at = 0;
  for (const match of text.matchAll(/\/Length (\d+)[^]*?stream\r?\n/g)) {
    const start = match.index + match[0].length;
    if (start < at) continue;
    const length = Number(match[1]);
    const dict = text.slice(match.index, start);
    out += text.slice(at, start);
    const data = raw.subarray(start, start + length);
    try {
      out += dict.includes('/FlateDecode') ? inflateSync(data).toString('latin1') : data.toString('latin1');
    } catch {
      out += data.toString('latin1');
    }
    at = start + length;
  }
  return out + text.slice(at);
};

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

const decodeTextString = (bytes: string): string => {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let text = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return text;
};

/** Every literal and hex string of the (inflated) PDF, decoded as PDF text strings, one per line. */
export const pdfStrings = (pdf: Uint8Array): string => {
  const text = inflatedPdf(pdf);
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') {
      let depth = 0;
      let body = '';
      let j = i;
      for (; j < text.length; j += 1) {
        const char = text[j]!;
        if (char === '\\') {
          const next = text[j + 1]!;
          if (ESCAPES[next] !== undefined) body += ESCAPES[next];
          else if (/[0-7]/.test(next)) {
            const octal = /^[0-7]{1,3}/.exec(text.slice(j + 1))![0];
            body += String.fromCharCode(parseInt(octal, 8));
            j += octal.length - 1;
          }
          j += 1;
          continue;
        }
        if (char === '(') depth += 1;
        if (char === ')' && --depth === 0) break;
        if (depth > 0 && !(char === '(' && depth === 1)) body += char;
      }
      strings.push(decodeTextString(body));
      i = j;
    } else if (text[i] === '<' && text[i + 1] !== '<') {
      const end = text.indexOf('>', i);
      const hex = text.slice(i + 1, end).replace(/\s/g, '');
      if (/^[0-9A-Fa-f]*$/.test(hex) && hex.length % 2 === 0) strings.push(decodeTextString(Buffer.from(hex, 'hex').toString('latin1')));
      i = end;
    }
  }
  return strings.join('\n');
};

const run = (tool: string, args: readonly string[]): string =>
  execFileSync(tool, [...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

const written = (pdf: Uint8Array, dir: string, name: string): string => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
};

/** Whitespace removed and NFKC-normalised, as texts are compared. */
const squash = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/**
 * Where `text` shows in a PDF: its bytes as UTF-8 or UTF-16BE anywhere (streams inflated), its decoded strings
 * (metadata, bookmarks, /Alt, /ActualText, attachment names), the page text pdftotext extracts, the XMP and
 * information pdfinfo shows, the structure tree's text, and the embedded files.
 */
export const whereTextShows = (pdf: Uint8Array, text: string, dir: string, name: string): string[] => {
  const file = written(pdf, dir, name);
  const places: string[] = [];
  const inflated = Buffer.from(inflatedPdf(pdf), 'latin1');
  if (inflated.includes(Buffer.from(text, 'utf8'))) places.push('bytes (UTF-8)');
  if (inflated.includes(Buffer.from(text, 'utf16le').swap16())) places.push('bytes (UTF-16BE)');
  if (pdfStrings(pdf).includes(text)) places.push('strings');
  if (squash(run('pdftotext', ['-enc', 'UTF-8', file, '-'])).includes(squash(text))) places.push('page text');
  if (run('pdfinfo', ['-enc', 'UTF-8', '-meta', file]).includes(text)) places.push('metadata');
  if (squash(run('pdfinfo', ['-enc', 'UTF-8', '-struct-text', file])).includes(squash(text))) places.push('structure');
  return places;
};

/** `pdfinfo -struct-text`: the structure tree with each element's text. */
export const structureText = (pdf: Uint8Array, dir: string, name: string): string => run('pdfinfo', ['-enc', 'UTF-8', '-struct-text', written(pdf, dir, name)]);

export type StructLine = { readonly depth: number; readonly role: string } | { readonly depth: number; readonly text: string };

/** The structure tree as lines: elements with their depth, and text. */
export const structureLines = (structText: string): StructLine[] =>
  structText.split('\n').flatMap((line): StructLine[] => {
    const depth = line.search(/\S/);
    const text = /^\s*"(.*)"$/.exec(line);
    if (text) return [{ depth, text: text[1]! }];
    const element = /^\s*([A-Za-z][A-Za-z0-9]*)(?: \(\w+\))?:?$/.exec(line);
    return element ? [{ depth, role: element[1]! }] : [];
  });

/** The page text of a PDF (pdftotext). */
export const pageText = (pdf: Uint8Array, dir: string, name: string): string => run('pdftotext', ['-enc', 'UTF-8', written(pdf, dir, name), '-']);

/** Text-showing operators of the content streams that lie outside every marked-content sequence (tagged nowhere). */
export const untaggedTextOperators = (pdf: Uint8Array): number => {
  let untagged = 0;
  const text = inflatedPdf(pdf);
  for (const match of text.matchAll(/stream\r?\n([^]*?)endstream/g)) {
    const content = match[1]!;
    if (!/\bBT\b/.test(content)) continue;
    let depth = 0;
    for (const token of content.matchAll(/\b(BDC|BMC|EMC|Tj|TJ)\b|'/g)) {
      if (token[1] === 'BDC' || token[1] === 'BMC') depth += 1;
      else if (token[1] === 'EMC') depth -= 1;
      else if (token[1] === 'Tj' || token[1] === 'TJ') untagged += depth === 0 ? 1 : 0;
    }
  }
  return untagged;
};

/** The titles of the document outline (bookmarks), in the order written, with their nesting level. */
export const bookmarks = (pdf: Uint8Array): { title: string; level: number }[] => {
  const text = inflatedPdf(pdf);
  const objects = new Map<string, string>();
  for (const match of text.matchAll(/\n(\d+) 0 obj\s*([^]*?)endobj/g)) objects.set(match[1]!, match[2]!);
  const root = /\/Outlines (\d+) 0 R/.exec(text)?.[1];
  const out: { title: string; level: number }[] = [];
  const walk = (id: string | undefined, level: number): void => {
    for (let at = id; at !== undefined; at = /\/Next (\d+) 0 R/.exec(objects.get(at) ?? '')?.[1]) {
      const body = objects.get(at) ?? '';
      const title = /\/Title (\([^]*?\)|<[0-9A-Fa-f]*>)\s*\n/.exec(body)?.[1] ?? '';
      out.push({ title: pdfStrings(Buffer.from(`${title}`, 'latin1')), level });
      walk(/\/First (\d+) 0 R/.exec(body)?.[1], level + 1);
    }
  };
  walk(root ? /\/First (\d+) 0 R/.exec(objects.get(root) ?? '')?.[1] : undefined, 1);
  return out;
};

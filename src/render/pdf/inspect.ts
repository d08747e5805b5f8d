/**
 * Reads back what this renderer writes into a PDF besides its pages: the document information (the publication
 * stamp among it) and the embedded files. Only for PDFs pdfkit wrote (no object streams, no encryption); anything
 * else simply yields nothing, and verification then says the PDF is not one of ours.
 */
import { inflateSync } from 'node:zlib';

export type PdfContents = {
  /** Pages in the page tree. */
  readonly pages: number;
  /** The document information dictionary's text entries. */
  readonly info: Readonly<Record<string, string>>;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
};

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A literal string's bytes (the text between its outer parentheses), escapes undone. */
const literalBytes = (body: string): string =>
  body.replace(/\\([nrtbf()\\]|[0-7]{1,3}|\r?\n)/g, (_, escape: string) => {
    if (ESCAPES[escape] !== undefined) return ESCAPES[escape]!;
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return '';
  });

/** A PDF text string's characters: UTF-16BE after a byte-order mark, else single bytes. */
const textOf = (bytes: string): string => {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let text = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return text;
};

/** The string at the start of `source` (a literal `( … )` with nested parentheses, or a hex `< … >`). */
const stringAt = (source: string): string | undefined => {
  const hex = /^<([0-9A-Fa-f\s]*)>/.exec(source);
  if (hex) return textOf(Buffer.from(hex[1]!.replace(/\s/g, ''), 'hex').toString('latin1'));
  if (!source.startsWith('(')) return undefined;
  let depth = 0;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return textOf(literalBytes(source.slice(1, i)));
  }
  return undefined;
};

const objectBody = (pdf: string, ref: string): string | undefined => {
  const start = pdf.lastIndexOf(`\n${ref} 0 obj`);
  if (start < 0) return undefined;
  const end = pdf.indexOf('endobj', start);
  return end < 0 ? undefined : pdf.slice(pdf.indexOf('obj', start) + 3, end).trim();
};

const streamBytes = (raw: Buffer, pdf: string, ref: string): Uint8Array | undefined => {
  const start = pdf.lastIndexOf(`\n${ref} 0 obj`);
  if (start < 0) return undefined;
  const dictEnd = pdf.indexOf('stream', start);
  const length = /\/Length (\d+)/.exec(pdf.slice(start, dictEnd))?.[1];
  if (length === undefined) return undefined;
  const dataStart = dictEnd + 'stream'.length + (pdf[dictEnd + 6] === '\r' ? 2 : 1);
  const data = raw.subarray(dataStart, dataStart + Number(length));
  try {
    return /\/FlateDecode/.test(pdf.slice(start, dictEnd)) ? inflateSync(data) : data;
  } catch {
    return undefined;
  }
};

/** The information entries and embedded files of a PDF this renderer wrote. */
export const inspectPdf = (bytes: Uint8Array): PdfContents => {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pdf = raw.toString('latin1');
  const info: Record<string, string> = {};
  const infoRef = /\/Info (\d+) 0 R/.exec(pdf.slice(pdf.lastIndexOf('trailer')))?.[1];
  const dictionary = infoRef ? objectBody(pdf, infoRef) : undefined;
  for (const [, key, ref] of dictionary?.matchAll(/\/(\w+) (\d+) 0 R/g) ?? []) {
    const value = stringAt(objectBody(pdf, ref!) ?? '');
    if (value !== undefined) info[key!] = value;
  }
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const match of pdf.matchAll(/\/Type \/Filespec/g)) {
    const spec = pdf.slice(pdf.lastIndexOf('obj', match.index), pdf.indexOf('endobj', match.index));
    const name = stringAt(/\/UF (.*)/s.exec(spec)?.[1] ?? '') ?? stringAt(/\/F (\(.*)/s.exec(spec)?.[1] ?? '');
    const ref = /\/EF <<\s*\/F (\d+) 0 R/.exec(spec)?.[1];
    const content = ref ? streamBytes(raw, pdf, ref) : undefined;
    if (name !== undefined && content) files.push({ name, bytes: content });
  }
  const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf)?.[1] ?? 0);
  return { pages, info, files };
};

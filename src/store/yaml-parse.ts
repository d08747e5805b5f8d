import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { AppError } from '../errors.js';

/** Assessments are a few hundred KB at most; anything far larger is a mistake or an attack. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A real assessment needs no aliases; a few are tolerated, an alias bomb is not. */
const MAX_ALIAS_COUNT = 100;

export type ParsedYaml = {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly data: unknown;
};

export type Position = { line: number; column: number };

const YAML_CODES_JA: Record<string, string> = {
  DUPLICATE_KEY: '同じキーが二度書かれています',
  BAD_INDENT: 'インデント（字下げ）が正しくありません',
  BLOCK_AS_IMPLICIT_KEY: 'キーの書き方が正しくありません',
  MISSING_CHAR: '閉じ記号が足りません',
  MULTIPLE_DOCS: '一つのファイルに複数の文書があります',
  TAB_AS_INDENT: 'インデントにタブ文字は使えません',
  UNEXPECTED_TOKEN: '予期しない記号があります',
  MULTILINE_IMPLICIT_KEY: 'キーが複数行にまたがっています',
};

/** Decode bytes as UTF-8 strictly: a Shift_JIS file must be reported, not silently garbled. */
export const decodeUtf8 = (bytes: Uint8Array, file: string): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw new AppError(
      'FILE_NOT_UTF8',
      `${file}: 文字コードが UTF-8 ではありません。Shift_JIS などで保存されている場合は UTF-8 で保存し直してください。`,
      { file },
      { cause },
    );
  }
};

export const checkSize = (bytes: number, file: string): void => {
  if (bytes <= MAX_FILE_BYTES) return;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  throw new AppError(
    'FILE_TOO_LARGE',
    `${file}: ファイルが大きすぎます（${mb} MB）。評価書のYAMLは ${MAX_FILE_BYTES / 1024 / 1024} MB までです。`,
    { file, bytes },
  );
};

/** Parse YAML keeping source positions; syntax problems become AppErrors with file:line:column. */
export const parseYaml = (text: string, file: string): ParsedYaml => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const [first] = doc.errors;
  if (first) {
    const { line, col: column } = lineCounter.linePos(first.pos[0]);
    const duplicate = first.code === 'DUPLICATE_KEY';
    const what = YAML_CODES_JA[first.code] ?? `YAMLの書き方に誤りがあります（${first.code}）`;
    throw new AppError(
      duplicate ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX',
      `${file}:${line}:${column}: ${what}。`,
      { file, line, column, yamlCode: first.code, count: doc.errors.length },
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    throw new AppError(
      'YAML_ALIAS_LIMIT',
      `${file}: エイリアス（*）の展開が多すぎます。評価書のYAMLではアンカーとエイリアスを使わないでください。`,
      { file },
      { cause },
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppError('YAML_NOT_MAPPING', `${file}:1:1: 評価書のYAMLは「キー: 値」の形で始まる必要があります。`, { file, line: 1, column: 1 });
  }
  return { doc, lineCounter, data };
};

/**
 * Where a JSON Pointer's item is written: the key of the deepest mapping entry found on the way, so the
 * position points at the label an author looks for; a missing property points at its parent's key.
 */
export const positionOf = (parsed: ParsedYaml, segments: readonly string[]): Position | undefined => {
  let node: Node | null | undefined = parsed.doc.contents;
  let offset: number | undefined = node?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line, column: col };
};

import {
  CST,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { AppError } from '../errors.js';
import { fillMessage, VALIDATION_MESSAGES_JA } from '../messages.ja.js';
import { MAX_NESTING, MAX_VALUES, tooDeepAt } from '../schema/index.js';

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
  NON_STRING_KEY: 'キーには文字を書いてください（[…] や {…} はキーにできません）',
  BAD_DQ_ESCAPE: '" で囲んだ文字の中の \\ の書き方が正しくありません',
  KEY_OVER_1024_CHARS: 'キーが長すぎます（1024文字まで）',
};

/**
 * YAML 1.2's core schema, nothing else: no YAML 1.1 readings (yes = true, dates as timestamps), no !!binary,
 * !!timestamp or !!set even when tagged, keys as text. What is read is then exactly what a save writes back.
 */
const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  stringKeys: true,
  uniqueKeys: true,
  prettyErrors: false,
} as const;

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

const positionAt = (lineCounter: LineCounter, offset: number): Position => {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
};

const refuse = (
  code: 'YAML_SYNTAX' | 'YAML_DUPLICATE_KEY' | 'YAML_TOO_DEEP' | 'YAML_TAG' | 'YAML_VERSION' | 'YAML_ALIAS_LIMIT',
  file: string,
  { line, column }: Position,
  what: string,
  details: Record<string, unknown> = {},
): AppError => new AppError(code, `${file}:${line}:${column}: ${what}。`, { file, line, column, ...details });

const syntaxError = (error: YAMLError, lineCounter: LineCounter, file: string, count: number): AppError => {
  const position = positionAt(lineCounter, error.pos[0]);
  // yaml reports a stack overflow while composing nested collections as resource exhaustion.
  if (error.code === 'RESOURCE_EXHAUSTION') return tooDeep(file, position);
  const what = YAML_CODES_JA[error.code] ?? `YAMLの書き方に誤りがあります（${error.code}）`;
  const code = error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
  return refuse(code, file, position, what, { yamlCode: error.code, count });
};

const tooDeep = (file: string, position: Position): AppError =>
  refuse('YAML_TOO_DEEP', file, position, fillMessage(VALIDATION_MESSAGES_JA.tooDeep, { limit: MAX_NESTING }).replace(new RegExp('。$'), ''));

const tooManyValues = (file: string, position: Position): AppError =>
  new AppError('FILE_TOO_LARGE', `${file}:${position.line}:${position.column}: ${fillMessage(VALIDATION_MESSAGES_JA.tooManyValues, { limit: MAX_VALUES })}`, {
    file,
    ...position,
  });

/**
 * What YAML 1.2's core schema cannot read as plain data: a %YAML directive for another version, and tags it does
 * not know (!!binary, !!timestamp, !!set, !custom …), which would otherwise load as text and be saved without them.
 */
const unsupported = (doc: Document.Parsed, text: string, lineCounter: LineCounter, file: string): AppError | undefined => {
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.2') {
    return refuse('YAML_VERSION', file, positionAt(lineCounter, directive.index), `YAML ${directive[1]} の指定には対応していません。「%YAML ${directive[1]}」の行を消し、YAML 1.2 として書いてください`);
  }
  const tag = doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (!tag) return undefined;
  const name = tag.message.replace(/^Unresolved tag: /, '').replace(/^tag:yaml\.org,2002:/, '!!');
  return refuse('YAML_TAG', file, positionAt(lineCounter, tag.pos[0]), `タグ「${name}」は使えません。評価書のYAMLでは値の前に !! や ! で始まる型の指定を書かず、値だけを書いてください`, { tag: name });
};

type Walked = { readonly node: Node; readonly depth: number };

/**
 * A key JavaScript gives a meaning of its own: `__proto__` would load as the object's prototype, and the editor's
 * JSON with it is refused on save, so a document holding it could be read but never saved again.
 */
const FORBIDDEN_KEY = '__proto__';

type Walk = { readonly aliases: Node[]; readonly tooDeep?: Node; readonly forbiddenKey?: Node };

/** Every node with its nesting depth, without recursion, stopping at the first one nested too deep or keyed wrongly. */
const walkNodes = (root: Node | null): Walk => {
  const aliases: Node[] = [];
  const stack: Walked[] = root ? [{ node: root, depth: 1 }] : [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) aliases.push(node);
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_NESTING) return { aliases, tooDeep: node };
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === FORBIDDEN_KEY) return { aliases, forbiddenKey: item.key };
      const value = isPair(item) ? item.value : item;
      if (value) stack.push({ node: value as Node, depth: depth + 1 });
    }
  }
  return { aliases };
};

const contains = (root: Node, target: Node): boolean => {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === target) return true;
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push((isPair(item) ? item.value : item) as Node);
  }
  return false;
};

const aliasLimit = (file: string, cause?: unknown): AppError =>
  new AppError(
    'YAML_ALIAS_LIMIT',
    `${file}: エイリアス（*）の展開が多すぎます。評価書のYAMLではアンカーとエイリアスを使わないでください。`,
    { file },
    { cause },
  );

/**
 * What yaml's parseDocument does (lexer → parser → composer, one document), refusing while lexing what would keep
 * yaml busy for seconds or minutes: flow collections (`[[[[…`) nested deeper than any form (yaml's parser takes
 * time growing with the square of the depth) and more values than any assessment holds.
 */
const parseDocumentWithinDepth = (text: string, lineCounter: LineCounter, file: string, counted: { values: number }): Document.Parsed => {
  const parser = new Parser(lineCounter.addNewLine);
  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    let depth = 0;
    let values = 0;
    let previous = '';
    for (const lexeme of new Lexer().lex(text)) {
      // A plain or block scalar follows the scalar marker; quoted ones come as they are.
      if (lexeme === CST.SCALAR || (previous !== CST.SCALAR && (lexeme[0] === "'" || lexeme[0] === '"'))) {
        values += 1;
        if (values > MAX_VALUES) throw tooManyValues(file, positionAt(lineCounter, parser.offset));
      }
      // After the scalar marker comes the scalar's own text, whatever characters it holds.
      if (previous !== CST.SCALAR && (lexeme === '[' || lexeme === '{')) {
        depth += 1;
        if (depth > MAX_NESTING) throw tooDeep(file, positionAt(lineCounter, parser.offset));
      } else if (previous !== CST.SCALAR && (lexeme === ']' || lexeme === '}')) {
        depth = Math.max(0, depth - 1);
      }
      previous = lexeme;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
    counted.values = values;
  }
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(PARSE_OPTIONS).compose(tokens(), true, text.length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
    break;
  }
  // compose(…, forceDoc = true) always yields a document, if only an empty one.
  return doc!;
};

/**
 * Parse YAML keeping source positions. Syntax problems, unsupported tags and versions, nesting deeper than any form
 * and aliases that expand too far or contain themselves become AppErrors with file:line:column; what passes is
 * plain, finite data that every later stage (validator, checks, diff, writer) can walk.
 */
export const parseYaml = (text: string, file: string): ParsedYaml => parseYamlCounted(text, file).parsed;

/**
 * parseYaml, and how many values were lexed and aliases found against the limits of one document: what a caller
 * that parses a document in parts (yaml-sections.ts) needs to hold the whole to the same limits.
 */
export const parseYamlCounted = (text: string, file: string): { parsed: ParsedYaml; values: number; aliases: number } => {
  const lineCounter = new LineCounter();
  const counted = { values: 0 };
  const doc = parseDocumentWithinDepth(text, lineCounter, file, counted);
  const [first] = doc.errors;
  if (first) throw syntaxError(first, lineCounter, file, doc.errors.length);
  const refused = unsupported(doc, text, lineCounter, file);
  if (refused) throw refused;
  const walked = walkNodes(doc.contents);
  if (walked.tooDeep) throw tooDeep(file, positionAt(lineCounter, walked.tooDeep.range?.[0] ?? 0));
  if (walked.forbiddenKey) {
    throw refuse('YAML_SYNTAX', file, positionAt(lineCounter, walked.forbiddenKey.range?.[0] ?? 0), `キー「${FORBIDDEN_KEY}」は使えません`);
  }
  if (walked.aliases.length > MAX_ALIAS_COUNT) throw aliasLimit(file);
  for (const alias of walked.aliases) {
    const source = isAlias(alias) ? alias.resolve(doc) : undefined;
    if (source && contains(source, alias)) {
      throw refuse('YAML_ALIAS_LIMIT', file, positionAt(lineCounter, alias.range?.[0] ?? 0), 'エイリアス（*）が自分を含むアンカーを指しています。評価書のYAMLではアンカーとエイリアスを使わないでください');
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    throw aliasLimit(file, cause);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppError('YAML_NOT_MAPPING', `${file}:1:1: 評価書のYAMLは「キー: 値」の形で始まる必要があります。`, { file, line: 1, column: 1 });
  }
  const parsed = { doc, lineCounter, data };
  // Aliases can nest a deep part inside another deep part.
  const deep = tooDeepAt(data);
  if (deep) throw tooDeep(file, positionOf(parsed, deep) ?? { line: 1, column: 1 });
  return { parsed, values: counted.values, aliases: walked.aliases.length };
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

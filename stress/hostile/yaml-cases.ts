/**
 * Hostile assessment files, made by mutating the bundled samples where they are written: a value, a key or a line
 * of the real text is replaced, so everything around the mutation stays a realistic document. Values are spliced in
 * as YAML flow text (JSON is valid YAML 1.2), which fits at any place a value can stand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Rng } from './rng.js';

export const SAMPLE_DIRS = ['004-ise-yobosesshu', '002-nagaoka-covid19', '001-kitakyushu-yobosesshu'] as const;

/** A place in a sample: the value's key path, its source range, and the column its key starts at. */
type Place = {
  readonly path: readonly (string | number)[];
  readonly node: Node;
  readonly start: number;
  readonly end: number;
  readonly kind: 'scalar' | 'map' | 'seq';
  /** Where a new key of this mapping can be inserted, with the indentation of its keys. */
  readonly keyInsert?: { readonly offset: number; readonly indent: string };
};

export type Sample = { readonly dir: string; readonly text: string; readonly doc: Document.Parsed; readonly places: readonly Place[] };

const placesOf = (doc: Document.Parsed, text: string): Place[] => {
  const places: Place[] = [];
  const lines = new LineCounter();
  parseDocument(text, { lineCounter: lines });
  const visitNode = (node: Node | null, at: (string | number)[]): void => {
    if (!node?.range) return;
    const [start, end] = node.range;
    if (isMap(node)) {
      const first = node.items[0];
      const firstKey = isPair(first) && isScalar(first.key) ? first.key.range?.[0] : undefined;
      const keyInsert =
        firstKey !== undefined && !node.flow
          ? { offset: firstKey, indent: ' '.repeat(lines.linePos(firstKey).col - 1) }
          : undefined;
      places.push({ path: at, node, start, end, kind: 'map', ...(keyInsert ? { keyInsert } : {}) });
      for (const pair of node.items) if (isScalar(pair.key)) visitNode(pair.value as Node | null, [...at, String(pair.key.value)]);
    } else if (isSeq(node)) {
      places.push({ path: at, node, start, end, kind: 'seq' });
      node.items.forEach((item, index) => visitNode(item as Node, [...at, index]));
    } else {
      places.push({ path: at, node, start, end, kind: 'scalar' });
    }
  };
  visitNode(doc.contents, []);
  return places.filter((place) => place.path.length > 0);
};

export const loadSamples = (root: string): Sample[] =>
  SAMPLE_DIRS.map((dir) => {
    const text = readFileSync(path.join(root, 'assessments', dir, 'assessment.yaml'), 'utf8');
    const doc = parseDocument(text);
    return { dir, text, doc, places: placesOf(doc, text) };
  });

const json = (value: unknown): string => JSON.stringify(value);
const repeat = (unit: string, times: number): string => unit.repeat(times);
const nested = (depth: number, open = '[', close = ']'): string => `${repeat(open, depth)}1${repeat(close, depth)}`;

/** Values that are the wrong type, shape or size somewhere, as YAML flow text. */
const HOSTILE_VALUES: readonly (string | ((rng: Rng) => string))[] = [
  'null', '~', 'true', 'false', '0', '-1', '-0', '1.5', '1e308', '1e400', '.inf', '-.inf', '.nan', '0x1F', '0o17', '1_000',
  '12345678901234567890', "''", "' '", "'―'", 'yes', 'no', 'on', 'off', 'Null', 'NULL', '12:30:00',
  '2025-13-01', '2025-02-29', '2024-02-29', '2025-02-30', '0000-00-00', '0001-01-01', '9999-12-31', '2025-1-1',
  '2025-08-19T10:00:00Z', "'令和7年8月19日'", "'２０２５－０８－１９'", '"\\0"', '"\\uD800"', '"a\\uDC00b"', '"\\u202Eevil"',
  '"\\u200D\\u200B\\uFEFF"', `"a${repeat('\\u0301', 200)}"`, '"😀🈚"', '"\\u2028\\u2029\\u0085"', '"\\x01\\x7f"', '"\\t\\r\\n"',
  '"<page-break/></cell><cell>"', '"&amp;lt;&#x27;"', "'{{> document}}{{#each x}}'", "'<script>alert(1)</script>'",
  "'../../etc/passwd'", '"\\\\"', '{}', '[]', '{a: 1}', '[1, 2]', '[null]', '[[]]', '[{}]', '{value: {value: 1}}',
  '{__proto__: {polluted: 1}}', '{constructor: {prototype: {polluted: 1}}}', '{toString: 1, valueOf: 2, hasOwnProperty: 3}',
  '{checked: yes, text: 5}', '{checked: true, text: {a: 1}}', '{id: dup}', '[{id: dup}, {id: dup}]', '{"": 1}', '{"/": 1, "~1": 2}',
  '&a [*a]', '*missing', '{<<: {a: 1}}', '!!binary aGVsbG8=', '!!timestamp 2025-01-01', '!custom x', '!!str 12', '!!int "12"',
  '!!set {a, b}', '!<tag:yaml.org,2002:binary> aGVsbG8=', '! x', '!!float 1', '!!null x', '!!map [1]',
  (rng) => json('あ'.repeat(10_000 + rng.int(100_000))),
  (rng) => json(`${'長い行\n'.repeat(2_000 + rng.int(20_000))}`),
  (rng) => json('x'.repeat(1_000_000 + rng.int(1_000_000))),
  (rng) => nested(33 + rng.int(10)),
  (rng) => nested(1_000 + rng.int(2_000)),
  (rng) => nested(50_000 + rng.int(100_000)),
  (rng) => nested(40 + rng.int(100), '{a: ', '}'),
  (rng) => `[${repeat('{a: 1}, ', 20_000 + rng.int(5_000))}]`,
  (rng) => `[${repeat("'x', ", 3_000 + rng.int(3_000))}]`,
  (rng) => json(Array.from({ length: 200 + rng.int(300) }, (_, i) => ({ id: `e-${i % 7}`, name: i }))),
  () => '{a: &a [x, x, x, x, x, x, x, x, x], b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a], c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b], d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]}',
  () => `{a: &d ${nested(20)}, b: ${repeat('[', 20)}*d${repeat(']', 20)}}`,
];

/** Keys that are not in the form, or that JavaScript treats specially. */
const HOSTILE_KEYS: readonly string[] = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', "''", "' '", "'a/b'", "'~1'", "'~'", '"\\0"', "'😀'", '1', 'true',
  'null', '[a, b]', '{a: 1}', `'${'k'.repeat(2_000)}'`, 'x-unknown', '"\\uD800"', '? |\n  multi', '<<', 'id', 'value',
];

const TAGS = ['!!binary ', '!!timestamp ', '!custom ', '!!str ', '!!int ', '!!set ', '!<tag:yaml.org,2002:binary> ', '! ', '!!seq ', '!!map '];

const DIRECTIVES = ['%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '%YAML 2.0\n---\n', '%TAG !e! tag:example.com,2000:\n---\n', '---\n', '--- !!map\n'];

const ROOTS = ['', '[]', '- a\n- b\n', 'x', 'null', '# only a comment\n', '---\n...\n', '{}', 'form: yoshiki3\n', 'form: yoshiki9\n', '"\\uD800": 1\n'];

export type HostileYamlCase = { readonly kind: string; readonly text: string | Buffer };

const valueText = (rng: Rng): string => {
  const value = rng.pick(HOSTILE_VALUES);
  return typeof value === 'string' ? value : value(rng);
};

const splice = (text: string, start: number, end: number, insert: string): string => `${text.slice(0, start)}${insert}${text.slice(end)}`;

/** A real value of another place of the same or another sample: the right shape somewhere, the wrong one here. */
const borrowed = (rng: Rng, samples: readonly Sample[]): string => {
  const sample = rng.pick(samples);
  const place = rng.pick(sample.places);
  return json(place.node.toJSON());
};

const lineStarts = (text: string): number[] => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)].filter((i) => i < text.length);

type Mutation = (rng: Rng, sample: Sample, samples: readonly Sample[]) => string | Buffer;

const atPlace = (rng: Rng, sample: Sample, filter: (place: Place) => boolean = () => true): Place => {
  const candidates = sample.places.filter(filter);
  return rng.pick(candidates.length > 0 ? candidates : sample.places);
};

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'hostile value': (rng, sample) => {
    const place = atPlace(rng, sample);
    return splice(sample.text, place.start, place.end, ` ${valueText(rng)}`);
  },
  'value from elsewhere': (rng, sample, samples) => {
    const place = atPlace(rng, sample);
    return splice(sample.text, place.start, place.end, ` ${borrowed(rng, samples)}`);
  },
  'mapping where a value is expected': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind === 'scalar');
    return splice(sample.text, place.start, place.end, ` ${rng.pick(['{a: 1}', '{value: x}', '{}', '{checked: true}', '[x]'])}`);
  },
  'wrong shape': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind !== 'scalar');
    const value = place.node.toJSON() as unknown;
    const reshaped = Array.isArray(value)
      ? rng.chance(0.5) ? Object.fromEntries(value.map((item, index) => [index, item])) : value[0]
      : rng.chance(0.5) ? Object.values(value as object) : [value];
    return splice(sample.text, place.start, place.end, ` ${json(reshaped ?? null)}`);
  },
  'entries repeated': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind === 'seq');
    const entries = place.node.toJSON() as unknown[];
    const count = rng.pick([2, 50, 500, 3_000]);
    const repeated = Array.from({ length: count }, (_, i) => entries[i % Math.max(1, entries.length)] ?? null);
    return splice(sample.text, place.start, place.end, ` ${json(repeated)}`);
  },
  'bad date': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind === 'scalar' && /^\d{4}-\d{2}-\d{2}$/.test(String((p.node as { value?: unknown }).value)));
    return splice(sample.text, place.start, place.end, ` ${rng.pick(['2025-13-01', '2025-02-30', '2023-02-29', '0000-00-00', '2025-00-10', '2025-04-31', '9999-99-99', '2025-08-19x', "'2025-08-19 '", '2025-8-19', '20250819'])}`);
  },
  'unknown key': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.keyInsert !== undefined);
    if (!place.keyInsert) return sample.text;
    const { offset, indent } = place.keyInsert;
    return splice(sample.text, offset, offset, `${rng.pick(HOSTILE_KEYS)}: ${valueText(rng)}\n${indent}`);
  },
  'duplicate key': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.keyInsert !== undefined);
    const first = (place.node as { items: { key: { value: unknown } }[] }).items[0];
    if (!place.keyInsert || !first) return sample.text;
    const { offset, indent } = place.keyInsert;
    return splice(sample.text, offset, offset, `${String(first.key.value)}: duplicate\n${indent}`);
  },
  'missing key': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind === 'map' && (p.node as { items: unknown[] }).items.length > 0);
    const value = place.node.toJSON() as Record<string, unknown>;
    const keys = Object.keys(value);
    delete value[rng.pick(keys)];
    return splice(sample.text, place.start, place.end, ` ${json(value)}`);
  },
  tag: (rng, sample) => {
    const place = atPlace(rng, sample);
    return splice(sample.text, place.start, place.start, `${rng.pick(TAGS)}`);
  },
  'shared subtree (anchor and alias)': (rng, sample) => {
    const [a, b] = [atPlace(rng, sample), atPlace(rng, sample)];
    const [first, second] = a.start < b.start ? [a, b] : [b, a];
    if (first.end > second.start) return sample.text;
    const anchored = ` &shared ${json(first.node.toJSON())}`;
    return splice(splice(sample.text, second.start, second.end, ' *shared'), first.start, first.end, anchored);
  },
  directive: (rng, sample) => `${rng.pick(DIRECTIVES)}${sample.text}`,
  'second document': (rng, sample) => `${sample.text}\n---\n${rng.pick(['form: yoshiki3', '[]', 'x'])}\n`,
  'root replaced': (rng) => rng.pick(ROOTS),
  'line removed': (rng, sample) => {
    const starts = lineStarts(sample.text);
    const index = rng.int(starts.length);
    return splice(sample.text, starts[index]!, starts[index + 1] ?? sample.text.length, '');
  },
  'tab indentation': (rng, sample) => {
    const start = rng.pick(lineStarts(sample.text));
    return splice(sample.text, start, start + 2, '\t');
  },
  truncated: (rng, sample) => sample.text.slice(0, rng.int(sample.text.length)),
  'raw bytes': (rng, sample) => {
    const bytes = Buffer.from(sample.text, 'utf8');
    const at = rng.int(bytes.length);
    const junk = rng.pick([[0xff], [0xc0, 0xaf], [0x00], [0xed, 0xa0, 0x80], [0x82, 0xa0], [0xef, 0xbb, 0xbf], [0x1b, 0x5b, 0x32, 0x4a]]);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(junk), bytes.subarray(at)]);
  },
  'line endings': (rng, sample) => (rng.chance(0.5) ? sample.text.replace(/\n/g, '\r\n') : `\uFEFF${sample.text.replace(/\n/g, '\r')}`),
  'unicode in text': (rng, sample) => {
    const place = atPlace(rng, sample, (p) => p.kind === 'scalar' && typeof (p.node as { value?: unknown }).value === 'string');
    const value = String((place.node as { value?: unknown }).value);
    const odd = rng.pick(['\u202E', '\u200D', '\u0301'.repeat(50), '😀', '\u2028', '\u0085', '\uFFFE', '\u0000', '\uD800', '\u3000', '\u00A0', 'ｱ', '\u{20BB7}', '\t']);
    const at = rng.int(value.length + 1);
    return splice(sample.text, place.start, place.end, ` ${json(value.slice(0, at) + odd + value.slice(at))}`);
  },
  'form swapped': (rng, sample) => sample.text.replace(/^form: \S+/m, `form: ${rng.pick(['yoshiki3', 'yoshiki4', 'yoshiki5', "''", '[yoshiki3]', '{a: 1}'])}`),
  'form revision swapped': (rng, sample) =>
    sample.text.replace(/^formRevision: .+$/m, `formRevision: ${rng.pick(['令和７年５月', '令和６年10月', '平成30年５月', '令和9年1月', "'../../etc'", "'{{x}}'", '1', '[a]'])}`),
  diagram: (rng, _sample, samples) => {
    // Only the 全項目評価書 has 事務の内容 diagrams.
    const sample = samples.find((candidate) => candidate.dir.startsWith('001'))!;
    const files = ['flow.png', 'text.png', 'truncated.png', 'corrupt-stream.png', 'short-stream.png', 'huge-size.png', 'zero-size.png', 'forged-length.png', 'bad-filter.png', 'garbage.jpg', 'fifo.png', 'zero.png', 'outside.png', 'large.png', 'missing.png', '../x.png', 'dir.png'];
    const diagrams = json([{ file: rng.pick(files), caption: '事務の流れ' }]);
    return sample.text.replace(/^ {2}diagrams: \[\]$/m, `  diagrams: ${diagrams}`);
  },
};

export const MUTATION_KINDS = Object.keys(MUTATIONS);

/** One hostile document: a sample (the small ones more often, they are faster) with one to three mutations. */
export const hostileYaml = (rng: Rng, samples: readonly Sample[]): HostileYamlCase => {
  const sample = samples[rng.pick([0, 0, 0, 1, 1, 2])]!;
  const kind = rng.pick(MUTATION_KINDS);
  let text = MUTATIONS[kind]!(rng, sample, samples);
  // Now and then a second mutation on top, at a place of the (unchanged) sample, spliced by text.
  if (typeof text === 'string' && text.length === sample.text.length && rng.chance(0.3)) {
    text = MUTATIONS['hostile value']!(rng, sample, samples);
  }
  return { kind, text };
};

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document } from 'yaml';
import { applyPatch, patchBetween } from '../../src/merge/index.js';
import { MAX_NESTING, MAX_VALUES, formRoot, type FormId } from '../../src/schema/index.js';
import { parseYaml } from '../../src/store/yaml-parse.js';
import { orderBySchema, printAssessment, stringifyYaml } from '../../src/store/yaml-write.js';
import { expectAppErrorThrown } from '../helpers/app-error.js';
import { FIXTURES, SEEDS, fixtureFile, seedFile } from '../helpers/seeds.js';

// A save reprints only what changed since the document printed last (src/store/yaml-reprint.ts). Whatever the
// edits, the text must be exactly what printing the whole document gives, comments of the file included.

type Data = Record<string, unknown>;
type Edit = readonly [name: string, edit: (data: Data) => void];

const files = (data: Data): Data[] => data['files'] as Data[];
const firstFile = (data: Data): Data => files(data)[0]!;
const history = (data: Data): Data[] => data['changeHistory'] as Data[];

const EDITS: readonly Edit[] = [
  ['nothing (the same data again)', () => {}],
  ['one text of the cover', (data) => void ((data['cover'] as Data)['organization'] = '別の実施機関')],
  ['a text deep in the first file made multi-line', (data) => {
    const file = firstFile(data);
    const key = Object.keys(file).find((k) => typeof file[k] === 'object' && file[k] !== null)!;
    (file[key] as Data)['note'] = '一行目\n二行目';
  }],
  ['a text ending in line breaks (kept with |+)', (data) => void ((data['cover'] as Data)['specialNotes'] = '末尾に改行\n\n')],
  ['a 変更箇所 row added at the end', (data) => void history(data).push({ ...history(data)[0]! })],
  ['the first 変更箇所 row removed (every later row moves up)', (data) => void history(data).shift()],
  ['a mapping replaced by null', (data) => void (data['cover'] = null)],
  ['null replaced by a mapping again', (data) => void (data['cover'] = { title: '表紙', organization: '機関' })],
  ['a key removed', (data) => void delete data['procedures']],
  ['an unknown key added at the end', (data) => void (data['zzExtra'] = ['a', { b: 1 }])],
  ['a list emptied', (data) => void (data['changeHistory'] = [])],
  ['a text replaced by a number and a list by text', (data) => {
    (data['cover'] as Data)['title'] = 42;
    data['zzExtra'] = 'x';
  }],
];

const documents = [...SEEDS.map((seed) => seedFile(seed.dir)), ...FIXTURES.map(fixtureFile)];

describe('reprinting a saved draft after an edit', () => {
  it.each(documents)('gives the text a whole print gives, edit after edit: %s', (file) => {
    const parsed = parseYaml(readFileSync(file, 'utf8'), file);
    let data = parsed.data as Data;
    const form = data['form'] as FormId;
    let previous: Document = parsed.doc;
    let printed = printAssessment(form, data, previous);
    expect(printed.text).toBe(stringifyYaml(orderBySchema(data, formRoot(form)), previous));
    expect(printed.text).toContain('#'); // the file's comments are carried over
    for (const [name, edit] of EDITS) {
      data = structuredClone(data);
      edit(data);
      previous = printed.doc;
      printed = printAssessment(form, data, previous);
      if (name.startsWith('nothing')) expect(printed.doc.contents, 'unchanged data reuses the printed document').toBe(previous.contents);
      expect(printed.text, name).toBe(stringifyYaml(orderBySchema(data, formRoot(form)), previous));
      expect(parseYaml(printed.text, file).data, name).toEqual(JSON.parse(JSON.stringify(orderBySchema(data, formRoot(form)))));
    }
  });

  // A delta save's data shares every branch it did not change with the data printed last (the same objects):
  // ordering and reprinting it skip those branches without looking inside, and must still print what a whole print gives.
  it.each(documents)('gives the same text when the edited data shares its unchanged branches with the last (a delta save): %s', (file) => {
    const parsed = parseYaml(readFileSync(file, 'utf8'), file);
    let data = parsed.data as Data;
    const form = data['form'] as FormId;
    let printed = printAssessment(form, data, parsed.doc);
    for (const [name, edit] of EDITS) {
      const edited = structuredClone(data);
      edit(edited);
      const applied = applyPatch(data, patchBetween(data, edited));
      if (!applied.ok) throw new Error(name);
      data = applied.data;
      const previous = printed.doc;
      printed = printAssessment(form, data, previous);
      // The reference orders a copy, so nothing remembered from earlier prints can help it.
      expect(printed.text, name).toBe(stringifyYaml(orderBySchema(structuredClone(data), formRoot(form)), previous));
    }
  });

  it('prints comments that hold control characters as they are, edit after edit', () => {
    const text = '# a\u0000\u00021\u0001b\nform: yoshiki3\ncover:\n  title: a # c\u0000\u00022\u0001d\n  organization: x\n';
    const parsed = parseYaml(text, 'comments.yaml');
    let data = parsed.data as Data;
    let printed = printAssessment('yoshiki3', data, parsed.doc);
    for (const title of ['b', 'c', 'd']) {
      data = { ...data, cover: { ...(data['cover'] as Data), title } };
      const previous = printed.doc;
      printed = printAssessment('yoshiki3', data, previous);
      expect(printed.text).toBe(stringifyYaml(orderBySchema(structuredClone(data), formRoot('yoshiki3')), previous));
      expect(printed.text).toContain('# c\u0000\u00022\u0001d');
    }
  });
});

// The depth and size of each object printed are kept (the data is never changed in place): a delta that puts too
// deep or too many values under branches measured before must be refused all the same, with the place it is.
describe('the limits of a print after an edit', () => {
  const seed = (): { form: FormId; data: Data } => {
    const file = seedFile(SEEDS[0]!.dir);
    const data = parseYaml(readFileSync(file, 'utf8'), file).data as Data;
    return { form: data['form'] as FormId, data };
  };

  it('refuses nesting deeper than MAX_NESTING added below a branch printed before, naming where', () => {
    const { form, data } = seed();
    printAssessment(form, data);
    const withNested = (levels: number): Data => {
      let value: unknown = 'x';
      for (let i = 0; i < levels; i += 1) value = { a: value };
      const applied = applyPatch(data, [{ op: 'add', path: '/cover/extra', value }]);
      if (!applied.ok) throw new Error('patch refused');
      return applied.data;
    };
    // The root is level 0 and /cover/extra level 2: its objects reach level MAX_NESTING with MAX_NESTING - 1 of them.
    const error = expectAppErrorThrown(() => printAssessment(form, withNested(MAX_NESTING - 1)));
    expect(error.code).toBe('DOCUMENT_TOO_DEEP');
    expect(error.details).toEqual({ pointer: `/cover/extra${'/a'.repeat(MAX_NESTING - 2)}` });
    // One level less is within the limit, and the data printed before still prints.
    expect(() => printAssessment(form, withNested(MAX_NESTING - 2))).not.toThrow();
    expect(() => printAssessment(form, data)).not.toThrow();
  });

  it('refuses more than MAX_VALUES values added beside branches counted before', () => {
    const { form, data } = seed();
    printAssessment(form, data);
    const applied = applyPatch(data, [{ op: 'add', path: '/notes', value: Array.from({ length: MAX_VALUES }, () => 'x') }]);
    if (!applied.ok) throw new Error('patch refused');
    expect(expectAppErrorThrown(() => printAssessment(form, applied.data)).code).toBe('DOCUMENT_TOO_LARGE');
  });
});

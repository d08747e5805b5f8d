import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAjv, compileDocument, VALIDATED_DOCUMENTS, VALIDATING_KEYWORDS } from '../../src/schema/ajv.js';
import { validatorForDocument } from '../../src/schema/validators.js';
import { generateValidators } from '../../scripts/gen-validators.mjs';
import { FIXTURES, ROOT, SEEDS, fixtureFile, seedFile } from '../helpers/seeds.js';

// The validators the product runs are generated at build time; they must be exactly what compiling the schemas
// with the same keywords and formats gives at run time, on good documents and on bad ones.
const runtime = (() => {
  const ajv = createAjv();
  return Object.fromEntries(Object.values(VALIDATED_DOCUMENTS).map((doc) => [doc, compileDocument(ajv, doc)]));
})();

const errorsOf = (validate: (data: unknown) => boolean & unknown, data: unknown): unknown => {
  const valid = validate(data);
  return { valid, errors: (validate as unknown as { errors: unknown }).errors };
};

const same = (doc: string, data: unknown): { valid: boolean; keywords: Set<string> } => {
  const generated = errorsOf(validatorForDocument(doc), structuredClone(data));
  const compiled = errorsOf(runtime[doc]!, structuredClone(data)) as { valid: boolean; errors: { keyword: string }[] | null };
  expect(generated).toEqual(compiled);
  return { valid: compiled.valid, keywords: new Set((compiled.errors ?? []).map((error) => error.keyword)) };
};

const documents = [
  ...SEEDS.map((seed) => ({ name: seed.dir, file: seedFile(seed.dir) })),
  ...FIXTURES.map((name) => ({ name, file: fixtureFile(name) })),
];
const load = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const docOf = (data: Record<string, unknown>): string => `${String(data['form'])}.schema.json`;

/** Every leaf of the wrong type: text becomes a number, numbers, booleans and null become text. */
const everyLeafWrong = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(everyLeafWrong);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'form' ? item : everyLeafWrong(item)]));
  return typeof value === 'string' ? 42 : 'x';
};

describe('the generated validators equal the run-time compiled ones', () => {
  it.each(documents)('on $name as it is', ({ file }) => {
    const data = load(file);
    expect(same(docOf(data), data).valid).toBe(true);
  });

  it.each(documents)('on $name with every value of the wrong type', ({ file }) => {
    const data = load(file);
    const { valid, keywords } = same(docOf(data), everyLeafWrong(data));
    expect(valid).toBe(false);
    expect(keywords).toContain('type');
  });

  it('on bad dates, unknown items, missing items and broken choices', () => {
    const data = load(seedFile('001-kitakyushu-yobosesshu'));
    const cover = data['cover'] as Record<string, unknown>;
    cover['publishedOn'] = '2025-13-01';
    cover['surprise'] = 'x';
    delete cover['title'];
    data['formRevision'] = '令和９年１月';
    const { keywords } = same(docOf(data), data);
    expect([...keywords].sort()).toEqual(expect.arrayContaining(['format', 'enum', 'required']));
  });

  it('on the schema’s own keywords: duplicate ids, items that must stay blank, entries that must be empty slots', () => {
    const data = load(seedFile('004-ise-yobosesshu'));
    const basicInfo = data['basicInfo'] as { systems: { id: string }[] };
    basicInfo.systems.push({ ...basicInfo.systems[0]! });
    const consignment = ((data['files'] as Record<string, unknown>[])[0]!['overview'] as Record<string, Record<string, unknown>>)['consignment']!;
    const item = (consignment['items'] as Record<string, unknown>[])[0]!;
    item['reconsignment'] = '再委託しない';
    item['reconsignmentMatters'] = '保守の一部';
    const { keywords } = same(docOf(data), data);
    const other = load(seedFile('004-ise-yobosesshu'));
    const otherConsignment = ((other['files'] as Record<string, unknown>[])[0]!['overview'] as Record<string, Record<string, unknown>>)['consignment']!;
    (otherConsignment['status'] as Record<string, unknown>)['value'] = '委託しない';
    const { keywords: more } = same(docOf(other), other);
    expect([...keywords, ...more]).toEqual(expect.arrayContaining([...VALIDATING_KEYWORDS]));
  });

  it('on a standard text of the library, good and bad', () => {
    const snippet = load(path.join(ROOT, 'assessments', 'snippets', 'chukan-pf-butsuri.v1.yaml'));
    expect(same('snippet.schema.json', snippet).valid).toBe(true);
    expect(same('snippet.schema.json', everyLeafWrong(snippet)).valid).toBe(false);
  });
});

describe('drift', () => {
  it('the committed src/schema/validators.gen.js is what the schemas and keywords generate (npm run gen:validators)', () => {
    const { code, types } = generateValidators();
    expect(readFileSync(path.join(ROOT, 'src/schema/validators.gen.js'), 'utf8') === code).toBe(true);
    expect(readFileSync(path.join(ROOT, 'src/schema/validators.gen.d.ts'), 'utf8')).toBe(types);
  });
});

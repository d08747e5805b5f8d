import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_KEYWORDS, VALIDATING_KEYWORDS } from '../../src/schema/ajv.js';
import { validatorFor } from '../../src/schema/validators.js';
import { FORM_IDS, createSkeleton, validateAssessment } from '../../src/schema/index.js';
import { ROOT } from '../helpers/seeds.js';

describe('schemas', () => {
  it.each(FORM_IDS)('%s compiles in ajv strict mode', (form) => {
    expect(typeof validatorFor(form)).toBe('function');
  });

  it('registers every x- keyword the schema files use (strict mode would reject an unknown one)', () => {
    const used = new Set<string>();
    for (const name of ['common', 'yoshiki3', 'yoshiki4']) {
      const text = readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8');
      for (const match of text.matchAll(/"(x-[A-Za-z]+)":/g)) used.add(match[1]!);
    }
    const registered = new Set<string>([...ANNOTATION_KEYWORDS, ...VALIDATING_KEYWORDS]);
    expect([...used].filter((k) => !registered.has(k))).toEqual([]);
  });

  it.each(FORM_IDS)('the %s skeleton is valid and has every item of the form', (form) => {
    const skeleton = createSkeleton(form);
    expect(validateAssessment(skeleton).issues).toEqual([]);
    expect(Object.keys(skeleton)).toContain('changeHistory');
    expect((skeleton['basicInfo'] as { systems: { id: string }[] }).systems[0]?.id).toBe('system-1');
  });

  it('rejects an assessment that names no known form, in Japanese', () => {
    const { issues } = validateAssessment({ form: 'yoshiki9' });
    expect(issues[0]?.message).toContain('yoshiki3（重点項目評価書）か yoshiki4（全項目評価書）');
  });
});

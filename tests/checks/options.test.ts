import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION, RESULT_OPTION } from '../../src/checks/options.js';
import { choiceOptions, namedOption, nodeAtPointer } from '../../src/schema/index.js';
import { ROOT } from '../helpers/seeds.js';

describe('check rules name ＜選択肢＞ options by value', () => {
  it('fails at load when the schema has no such option', () => {
    expect(() => namedOption('/files/*/overview/consignment/status/value', '委託します')).toThrow(
      'the yoshiki3 schema has no option 「委託します」 at /files/*/overview/consignment/status/value',
    );
    expect(() => namedOption('/files/*/overview/consignment/nothingHere', '委託する')).toThrow(/has no option/);
    // 30万人以上 exists on 様式４ only.
    expect(() => namedOption('/basicInfo/business/targetCount', '30万人以上')).toThrow(/yoshiki3 schema/);
    expect(namedOption('/basicInfo/business/targetCount', '30万人以上', ['yoshiki4'])).toBe('30万人以上');
  });

  it('every option the rules name is one the schema offers', () => {
    expect(OPTION.notReconsigning).toBe('再委託していない');
    const results = choiceOptions(nodeAtPointer('yoshiki4', '/procedures/basicAssessment/threshold')!);
    expect(Object.values(RESULT_OPTION.yoshiki4).every((option) => results?.includes(option))).toBe(true);
  });

  it('no rule picks an option by its place in the list', () => {
    const dir = path.join(ROOT, 'src', 'checks');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    const byIndex = files.flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => /option\([^)]*,\s*\d+\s*\)|choiceOptions\([^)]*\)\??\[\d/.test(line))
        .map((line) => `${name}: ${line.trim()}`),
    );
    expect(byIndex).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formLabels } from '../helpers/form-labels.js';
import { formReference } from '../helpers/seeds.js';

/** Labels quoted in the "Label" column of the form references' item tables. */
const referenceLabels = (form: string): string[] => {
  const labels: string[] = [];
  for (const line of readFileSync(formReference(form), 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const labelCell = line.split('|')[2] ?? '';
    for (const match of labelCell.matchAll(/`([^`]+)`/g)) labels.push(match[1]!);
  }
  return labels;
};

/**
 * A table cell may hold a whole printed line: a heading with its check boxes, or a row of ＜選択肢＞ options.
 * Split it into the atoms the schema provides: check marks and option numbers are layout, not label text.
 */
const atoms = (label: string): string[] =>
  label
    .split(/\[\s*○?\s*\]|(?<=^|\s)(?=\d+[)）]\s)/)
    .map((part) => part.normalize('NFKC').replace(/^\s*\d+\)\s*/, '').replace(/\s+/g, ''))
    // `その他 （ ）` is the option plus the parenthesis its free text is printed in.
    .map((part) => part.replace(/\(\)$/, ''))
    .filter((part) => part.length > 0);

/** Quoted cells (compared NFKC-normalised) that are not labels: example values, placeholders, reference codes of the documents themselves. */
const NOT_LABELS = [
  /^令和|^平成/, // example dates
  /^番号法|^\([12]\)情報(照会|提供)の根拠$/, // example legal-basis values
  /^I{1,3}\.\d|^[IVX]+\.\d/, // the references' own item codes (I.5.2, III.4 …)
  /^その他\(.+\)$/, // example value of an その他 text
  /^\(N\)件$|^\(M\)件$/, // count placeholders, after NFKC
  /^(…|\.\.\.)/, // abbreviation used in the reference prose
];

describe.each(['yoshiki3', 'yoshiki4'] as const)('every official label of %s is in the schema', (form) => {
  const known = formLabels(form);
  const checked = referenceLabels(form).flatMap(atoms);
  const missing = checked
    .filter((atom) => !NOT_LABELS.some((pattern) => pattern.test(atom)))
    // A chosen option is printed in brackets: `[ 十分である ]`.
    .filter((atom) => !known.has(atom) && !known.has(atom.replace(/^\[(.+)\]$/, '$1')));

  it('reads the item tables of the reference (guards against checking nothing)', () => {
    expect(checked.length).toBeGreaterThan(200);
  });

  it('has no label of the form reference missing', () => {
    expect([...new Set(missing)]).toEqual([]);
  });
});

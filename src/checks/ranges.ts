/**
 * Count ranges of the ＜選択肢＞ (`1万人以上10万人未満`, `500人以上1,000人未満`, `1,000万人以上`), read from the option
 * text itself so the bounds always follow the schema. `以上` is inclusive and `未満` exclusive (rules.md §2.2).
 */
export type CountRange = { readonly min: number; readonly max?: number };

// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
const BOUND = '([0-9,]+)(万)?人';
const RANGE = new RegExp(`^(?:${BOUND}以上)?(?:${BOUND}未満)?$`);

const amount = (digits: string | undefined, man: string | undefined): number | undefined =>
  digits === undefined ? undefined : Number(digits.replace(/,/g, '')) * (man ? 10_000 : 1);

/** The range an option names, or undefined for a value that is not a count range. */
export const parseCountRange = (option: unknown): CountRange | undefined => {
  if (typeof option !== 'string' || option === '') return undefined;
  const match = RANGE.exec(option.normalize('NFKC').replace(/\s+/g, ''));
  if (!match) return undefined;
  const min = amount(match[1], match[2]) ?? 0;
  const max = amount(match[3], match[4]);
  if (match[1] === undefined && max === undefined) return undefined;
  return max === undefined ? { min } : { min, max };
};

export const inRange = (value: number, range: CountRange): boolean =>
  value >= range.min && (range.max === undefined || value < range.max);

/** `10000` → `1万人`, `1000` → `1,000人`: the way the forms write bounds. */
export const formatPersons = (count: number): string =>
  count >= 10_000 && count % 10_000 === 0
    ? `${(count / 10_000).toLocaleString('ja-JP')}万人`
    : `${count.toLocaleString('ja-JP')}人`;

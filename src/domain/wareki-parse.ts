/**
 * Reading 和暦 dates written inside free text (Ⅵ２②実施日・期間, the 終了 suffix of 評価書名). Structured date
 * fields are ISO already; only free text needs this. Full-width digits and 元年 are accepted (rules.md §10).
 */
const ERA_START_YEAR: Readonly<Record<string, number>> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
const WAREKI_DATE = new RegExp('(令和|平成|昭和)\\s*(元|\\d+)\\s*年\\s*(\\d+)\\s*月\\s*(\\d+)\\s*日', 'g');

const pad = (n: number): string => String(n).padStart(2, '0');

/** Every 和暦 date in the text, in order, as ISO dates (`令和4年11月15日` → `2022-11-15`). */
export const findWarekiDates = (text: string): string[] =>
  [...text.normalize('NFKC').matchAll(WAREKI_DATE)].map((match) => {
    const [, era = '', year = '', month = '', day = ''] = match;
    const western = (ERA_START_YEAR[era] ?? 0) + (year === '元' ? 1 : Number(year));
    return `${western}-${pad(Number(month))}-${pad(Number(day))}`;
  });

export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

/**
 * The number written in ASCII digits at text[from, to), or -1. Read without a regular expression: its match arrays
 * were a seventh of what a save of 001 allocates (every save validates its hundreds of dates).
 */
const digitsAt = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let at = from; at < to; at += 1) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * The one reading of a stored date: YYYY-MM-DD naming a day of the calendar (no 2025-13-01, no 2月30日), else
 * undefined. Drafts may hold anything in a date field, so this never throws; the validator's `date` format is this too.
 */
export const parseIsoDate = (value: unknown): CalendarDate | undefined => {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
};

/** A real calendar date written YYYY-MM-DD. */
export const isIsoDate = (value: unknown): value is string => parseIsoDate(value) !== undefined;

const toUtc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** Days of a period counting both ends, as the forms print it: 11月15日から12月14日 is 30日間. */
export const daysInclusive = (fromIso: string, toIso: string): number =>
  Math.round((toUtc(toIso) - toUtc(fromIso)) / DAY_MS) + 1;

/** The calendar day `days` after (or before, when negative) an ISO date. */
export const addDays = (iso: string, days: number): string => new Date(toUtc(iso) + days * DAY_MS).toISOString().slice(0, 10);

/** The same calendar day `years` later (3- and 5-year deadlines); 29 February falls on 28 February. */
export const addYears = (iso: string, years: number): string => {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year + years, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
};

export const addMonths = (iso: string, months: number): string => {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, day));
  if (target.getUTCDate() !== day) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
};

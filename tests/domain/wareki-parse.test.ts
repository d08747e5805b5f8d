import { describe, expect, it } from 'vitest';
import { addMonths, addYears, daysInclusive, findWarekiDates, isIsoDate, parseIsoDate } from '../../src/domain/wareki-parse.js';
import { formatWareki } from '../../src/domain/wareki.js';

describe('和暦 dates inside free text', () => {
  it('reads both ends of a period, full-width digits and 元年 included', () => {
    expect(findWarekiDates('令和4年11月15日から令和4年12月14日（30日間）')).toEqual(['2022-11-15', '2022-12-14']);
    expect(findWarekiDates('令和元年５月１日～平成31年4月30日')).toEqual(['2019-05-01', '2019-04-30']);
    expect(findWarekiDates('【令和8年3月31日 終了】')).toEqual(['2026-03-31']);
    expect(findWarekiDates('なし')).toEqual([]);
  });

  it('counts a period with both ends, as the forms print （30日間）', () => {
    expect(daysInclusive('2022-11-15', '2022-12-14')).toBe(30);
    expect(daysInclusive('2022-11-15', '2022-11-15')).toBe(1);
  });

  it('puts 3- and 5-year deadlines on the same calendar day, 29 February on 28 February', () => {
    expect(addYears('2026-03-31', 3)).toBe('2029-03-31');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addMonths('2030-08-31', -6)).toBe('2030-02-28');
  });
});

describe('stored dates (the one reading of YYYY-MM-DD)', () => {
  it('accepts only days of the calendar, and never throws on anything else', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const value of ['2025-13-01', '2025-02-29', '2025-04-31', '2025-00-10', '0000-01-01', '2025-8-19', '2025-08-19T00:00:00Z', '2025-08-19\n', '２０２５-08-19', '2025-0８-19', '2025-1a-01', '2025_08-19', '2025-08/19', ' 2025-8-19', '+025-08-19', '2025-08-1-', 20250819, null, {}]) {
      expect(parseIsoDate(value), String(value)).toBeUndefined();
      expect(isIsoDate(value), String(value)).toBe(false);
    }
  });

  it('shows an impossible date as written, not as another day of the calendar', () => {
    expect(formatWareki('2025-13-01')).toBe('2025-13-01');
    expect(formatWareki('2025-02-30')).toBe('2025-02-30');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
  });
});

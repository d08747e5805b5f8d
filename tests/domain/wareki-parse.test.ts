import { describe, expect, it } from 'vitest';
import { addMonths, addYears, daysInclusive, findWarekiDates } from '../../src/domain/wareki-parse.js';

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

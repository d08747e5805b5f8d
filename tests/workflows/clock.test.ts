import { describe, expect, it } from 'vitest';
import { isoDateInJapan } from '../../src/domain/wareki.js';
import { fixedClock, systemClock } from '../../src/workflows/index.js';

describe('the clock', () => {
  it('today is the date in Japan, nine hours ahead of UTC, whatever the machine’s time zone', () => {
    expect(isoDateInJapan(new Date('2025-08-18T14:59:59Z'))).toBe('2025-08-18');
    expect(isoDateInJapan(new Date('2025-08-18T15:00:00Z'))).toBe('2025-08-19');
    expect(fixedClock(new Date('2025-12-31T15:00:00Z')).today()).toBe('2026-01-01');
  });

  it('a fixed clock given a date stands at 09:00 in Japan of that day', () => {
    const clock = fixedClock('2025-10-01');
    expect(clock.today()).toBe('2025-10-01');
    expect(clock.now().toISOString()).toBe('2025-10-01T00:00:00.000Z');
  });

  it('the system clock agrees with Intl’s Asia/Tokyo date of now', () => {
    const before = isoDateInJapan(new Date());
    const today = systemClock.today();
    expect([before, isoDateInJapan(new Date())]).toContain(today);
  });
});

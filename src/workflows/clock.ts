import { isoDateInJapan } from '../domain/wareki.js';

/**
 * The one clock of the product. `today()` is the date in Japan (Asia/Tokyo, via Intl), whatever the time zone of
 * the machine: reminders, the default 変更日 and generated ids count in the municipality's days. `now()` stamps
 * records (createdAt, status log). Tests and `pia --today` pass a fixed one.
 */
export type Clock = { readonly now: () => Date; readonly today: () => string };

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => isoDateInJapan(new Date()),
};

/** A stopped clock: at `at` (an instant), or at 09:00 in Japan of the ISO date `at`. */
export const fixedClock = (at: Date | string): Clock => {
  const instant = typeof at === 'string' ? new Date(`${at}T09:00:00+09:00`) : at;
  return { now: () => new Date(instant), today: () => isoDateInJapan(instant) };
};

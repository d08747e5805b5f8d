import { parseIsoDate } from './wareki-parse.js';

/** How the first year of an era is written: 令和元年 (the official style) or 令和1年 (seen in published documents). */
export type FirstYearStyle = 'gannen' | 'numeric';

/**
 * An Intl formatter made on first use: making one loads ICU's calendar and time zone data (about 25 ms of a cold
 * `pia` process), which a command that formats no date (validate, --help) should not pay.
 */
const lazyFormat = (locale: string, options: Intl.DateTimeFormatOptions): (() => Intl.DateTimeFormat) => {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= new Intl.DateTimeFormat(locale, options));
};

const warekiFormat = lazyFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});

// A day is optional: some dates are known to the month only (a standard's 第2.0版 of 2024-04).
const ISO_MONTH = /^\d{4}-\d{2}$/;

// A document repeats few dates many times (every 変更箇所 row has one) and Intl is slow to format. Bounded,
// since drafts may hold any text in a date field.
const formatted = new Map<string, string>();
const MAX_CACHED = 10_000;

/** `2025-08-19` → `令和7年8月19日` (`2024-04` → `令和6年4月`), using the Japanese calendar of Intl rather than a hand-kept era table. */
export const formatWareki = (iso: string, style: FirstYearStyle = 'gannen'): string => {
  const key = `${style}:${iso}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatDate(iso, style);
    if (formatted.size >= MAX_CACHED) formatted.clear();
    formatted.set(key, text);
  }
  return text;
};

const formatDate = (iso: string, style: FirstYearStyle): string => {
  const monthOnly = ISO_MONTH.test(iso);
  const parsed = parseIsoDate(monthOnly ? `${iso}-01` : iso);
  // Not a day of the calendar (a draft's 2025-13-01): shown as written, for the validator's issue to explain.
  if (!parsed) return iso;
  const date = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day));
  // Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(parsed.year);
  const parts = warekiFormat().formatToParts(date);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const yearPart = part('year');
  const year = yearPart === '元' || yearPart === '1' ? (style === 'gannen' ? '元' : '1') : yearPart;
  return `${part('era')}${year}年${part('month')}月${monthOnly ? '' : `${part('day')}日`}`;
};

const japanDate = lazyFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Japan of an instant, as ISO `YYYY-MM-DD`: 変更日, reminders and 最終更新 count in days of the
 * municipality's calendar, whatever the time zone of the server, the terminal or the browser.
 */
export const isoDateInJapan = (instant: Date): string => japanDate().format(instant);

const japanDateTime = lazyFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2025-10-01 18:05:09`, as the clock in Japan showed the instant; undefined for a text that is no instant. */
const japanClock = (iso: string): string | undefined => {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? undefined : japanDateTime().format(instant);
};

/** An ISO timestamp as the clock in Japan showed it, `2025-10-01 18:05` (records are stamped in UTC). */
export const formatJapanDateTime = (iso: string): string => japanClock(iso)?.slice(0, 16) ?? iso;

/** An ISO timestamp in 和暦 to the second, `令和7年10月1日 18:05:09`: for records read by people, like the audit export. */
export const formatJapanDateTimeWareki = (iso: string): string => {
  const clock = japanClock(iso);
  if (!clock) return iso;
  const [date, time] = clock.split(' ');
  return `${formatWareki(date!)} ${time}`;
};

/** Reminders (再評価, 見直し) and dates count in days of the municipality's calendar, not of the server's time zone. */
export const todayInJapan = (now: Date): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

/** A local calendar date as ISO `YYYY-MM-DD` (what 変更日 and 最終更新 mean to the user, not the UTC date). */
export const localIsoDate = (date: Date = new Date()): string => {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

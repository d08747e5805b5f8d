import type { FirstYearStyle } from '../domain/wareki.js';
import { namedOption } from './options.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document's `printSettings` (non-printed, schema `$defs/printSettings`); null or absent means the default. */
const setting = (data: Record<string, unknown>, key: 'eraFirstYear' | 'unusedSlots'): unknown => {
  const settings = data['printSettings'];
  return isRecord(settings) ? settings[key] : undefined;
};

const UNUSED_SLOTS_HIDDEN = namedOption('/printSettings/unusedSlots', '印字しない');
const FIRST_YEAR_NUMERIC = namedOption('/printSettings/eraFirstYear', '1年');

/** Whether the unused slots (an empty 提供先1 block, the range rows) are printed: yes unless the document hides them. */
export const printsUnusedSlots = (data: Record<string, unknown>): boolean => setting(data, 'unusedSlots') !== UNUSED_SLOTS_HIDDEN;

/** How this document writes the first year of an era: 令和元年 unless it chose 令和1年 (rules.md §10). */
export const firstYearStyleOf = (data: Record<string, unknown>): FirstYearStyle =>
  setting(data, 'eraFirstYear') === FIRST_YEAR_NUMERIC ? 'numeric' : 'gannen';

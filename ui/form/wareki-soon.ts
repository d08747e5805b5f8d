/**
 * The 和暦 shown beside a date field, once Intl's Japanese calendar is loaded. Making the first Intl date formatter
 * of a page loads ICU's calendar data, 30–50 ms in Chromium, which the editor's first screen (001's cover has a
 * date) would otherwise wait for: the formatter is made when the page is idle, and the fields asking before that
 * are drawn again then.
 */
import { formatWareki } from '../../src/domain/wareki.js';
import { whenIdle } from '../schedule.js';

let loaded = false;
const waiting = new Set<() => void>();

const load = (): void => {
  formatWareki('2019-05-01');
  loaded = true;
  for (const redraw of waiting) redraw();
  waiting.clear();
};

/** `iso` in 和暦, or undefined until the calendar is loaded; `redraw` is called once it is. */
export const warekiSoon = (iso: string, redraw: () => void): string | undefined => {
  if (loaded) return formatWareki(iso);
  if (waiting.size === 0) whenIdle(load, 1000);
  waiting.add(redraw);
  return undefined;
};

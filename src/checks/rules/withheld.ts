/**
 * rules.md §8, 非公表 parts: what the document's `withheld` flags withhold, and whether the 公表版 made from them
 * still shows a withheld text. The flags and the 公表版 itself are src/withheld's; these rules only report.
 */
import { fillMessage } from '../../messages.ja.js';
import {
  WITHHELD_POINTER,
  inWithholdableArea,
  leaksOf,
  locateWithheld,
  publicVersion,
  withholdsWholeItem,
  type LocatedWithheld,
} from '../../withheld/index.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import type { Hit } from '../types.js';

const EXCERPT = 30;
const excerpt = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
const entryPointer = (flag: LocatedWithheld): string => `${WITHHELD_POINTER}/${flag.index}`;
const data = (context: CheckContext): Record<string, unknown> =>
  typeof context.data === 'object' && context.data !== null ? (context.data as Record<string, unknown>) : {};

/** A whole item or section withheld (or a span that is all of its item): withholding must be limited to the risky part. */
const checkWholeItem = (context: CheckContext): Hit[] =>
  locateWithheld(context.form, context.data)
    .filter((flag) => flag.state !== 'invalid' && withholdsWholeItem(context.data, flag))
    .map((flag) => ({
      pointers: [flag.entry.pointer, entryPointer(flag)],
      message: fillMessage(M.withheldWholeItem, { item: context.label(flag.entry.pointer) }),
    }));

/**
 * A span withheld outside Ⅲ, Ⅳ of 様式４ and Ⅱ 保管場所 (the places the schema marks x-withholdable). The imported
 * 変更箇所 rows quote those items' earlier texts, so a span withheld in a row is where §8 expects it.
 */
const checkOutsideArea = (context: CheckContext): Hit[] =>
  locateWithheld(context.form, context.data)
    .filter((flag) => flag.state !== 'invalid' && !flag.entry.pointer.startsWith('/changeHistory/') && !inWithholdableArea(context.form, flag.entry.pointer))
    .map((flag) => ({
      pointers: [flag.entry.pointer, entryPointer(flag)],
      message: fillMessage(M.withheldOutsideArea, { item: context.label(flag.entry.pointer), reason: flag.entry.reason }),
    }));

/**
 * The 公表版 would show a withheld text: a flag whose text changed since (it can no longer be found, so what it
 * meant would be printed), a flag naming nothing printable, or the same text left unflagged in another item.
 */
const checkPublished = (context: CheckContext): Hit[] => {
  const version = publicVersion(context.form, data(context));
  const unresolved = version.unresolved.map((flag): Hit => {
    if (flag.state === 'invalid') {
      return { pointers: [entryPointer(flag)], message: fillMessage(M.withheldInvalid, { pointer: flag.entry.pointer }) };
    }
    const message =
      flag.entry.text === undefined
        ? fillMessage(M.withheldValueChanged, { item: context.label(flag.entry.pointer) })
        : fillMessage(M.withheldTextChanged, { item: context.label(flag.entry.pointer), text: excerpt(flag.entry.text) });
    return { pointers: [flag.entry.pointer, entryPointer(flag)], message };
  });
  const leaks = leaksOf(context.form, version).map((leak): Hit => ({
    pointers: [leak.pointer],
    message: fillMessage(M.withheldLeak, { item: context.label(leak.pointer), text: excerpt(leak.text) }),
  }));
  return [...unresolved, ...leaks];
};

export const WITHHELD_RULES: readonly CheckRule[] = [
  { id: 'withheld.wholeItem', severity: 'WARN', check: checkWholeItem },
  { id: 'withheld.outsideArea', severity: 'WARN', check: checkOutsideArea },
  { id: 'withheld.published', severity: 'ERROR', check: checkPublished },
];

import { isBlankEntry } from '../domain/blank.js';
import type { FormId } from '../schema/index.js';
import { ACCIDENT_ITEM, OPTION } from './options.js';
import { parseCountRange } from './ranges.js';

/**
 * What the printed ranges already settle for the しきい値判断 when the non-printed facts are not recorded
 * (rules.md §2.1): 取扱者数 lies between the sums of the lower and upper bounds of the 使用者数 and
 * 委託先における取扱者数 buckets, and a 3-year 重大事故 item answered 発生なし rules out one in the past year.
 */
type Get = (pointer: string) => unknown;

const fileCountOf = (get: Get): number => {
  const files = get('/files');
  return Array.isArray(files) ? files.length : 0;
};

/** The printed handler buckets: 使用者数 of each file and 委託先における取扱者数 of each 委託事項 that holds answers. */
export const handlerBucketPointers = (get: Get): string[] =>
  Array.from({ length: fileCountOf(get) }, (_, file) => {
    const items = get(`/files/${file}/overview/consignment/items`);
    const consignees = (Array.isArray(items) ? items : []).flatMap((item, index) =>
      isBlankEntry(item) ? [] : [`/files/${file}/overview/consignment/items/${index}/handlerCount`],
    );
    return [`/files/${file}/overview/acquisitionUse/users/count`, ...consignees];
  }).flat();

export type HandlerBounds = { readonly atLeast: number; readonly atMost?: number };

/**
 * 取扱者数 as the printed buckets bound it: at least the sum of their lower bounds, at most the sum of their upper
 * bounds (`未満` is exclusive, so 10人以上50人未満 is at most 49); no upper bound when a bucket is open
 * (1,000人以上). Undefined while a bucket is unanswered.
 */
export const printedHandlerBounds = (get: Get): HandlerBounds | undefined => {
  const ranges = handlerBucketPointers(get).map((pointer) => parseCountRange(get(pointer)));
  if (ranges.length === 0 || ranges.some((range) => range === undefined)) return undefined;
  const atLeast = ranges.reduce((sum, range) => sum + range!.min, 0);
  if (ranges.some((range) => range!.max === undefined)) return { atLeast };
  return { atLeast, atMost: ranges.reduce((sum, range) => sum + range!.max! - 1, 0) };
};

/** Every file answers the 3-year accident item (Ⅲ７② / Ⅲ７リスク１⑨) with 発生なし. */
export const printedNoAccident = (form: FormId, get: Get): boolean => {
  const count = fileCountOf(get);
  return (
    count > 0 &&
    Array.from({ length: count }, (_, file) => get(`${ACCIDENT_ITEM[form].replace('*', String(file))}/value`)).every(
      (answer) => answer === OPTION.accidentNone,
    )
  );
};

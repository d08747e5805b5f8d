import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import type { Hit } from '../types.js';
import { isBlank } from '../../domain/blank.js';

/**
 * Items a filed 評価書 must not leave empty, as pointer patterns (`*` = every entry). Items the forms mark
 * 【任意】, 特記事項, 備考 and the "その他" texts may stay empty, so they are not listed; items a choice makes
 * optional (再委託, 提供先 …) are checked by their own rules. An item with sub-rows is filled when its `value` is.
 */
const REQUIRED: Readonly<Record<'common' | 'yoshiki3' | 'yoshiki4', readonly string[]>> = {
  common: [
    '/cover/number',
    '/cover/title',
    '/cover/declaration',
    '/cover/organization',
    '/basicInfo/business/name',
    '/basicInfo/business/description',
    '/basicInfo/business/targetCount',
    '/basicInfo/systems/*/functions',
    '/basicInfo/fileNames',
    '/basicInfo/numberUse/legalBasis',
    '/basicInfo/networkLinkage/implementation',
    '/basicInfo/department/name',
    '/basicInfo/department/headTitle',
    '/files/*/overview/fileName',
    '/files/*/overview/basic/fileType',
    '/files/*/overview/basic/personCount',
    '/files/*/overview/basic/personScope',
    '/files/*/overview/basic/personScope/necessity',
    '/files/*/overview/basic/recordItems',
    '/files/*/overview/basic/recordItems/validity',
    '/files/*/overview/basic/retentionStart',
    '/files/*/overview/basic/department',
    '/files/*/overview/acquisitionUse/purpose',
    '/files/*/overview/acquisitionUse/users/departments',
    '/files/*/overview/acquisitionUse/users/count',
    '/files/*/overview/acquisitionUse/usage',
    '/files/*/overview/acquisitionUse/useStart',
    '/files/*/overview/consignment/status',
    '/files/*/overview/consignment/items/*/name',
    '/files/*/overview/consignment/items/*/content',
    '/files/*/overview/consignment/items/*/handlerCount',
    '/files/*/overview/consignment/items/*/contractor',
    '/files/*/overview/consignment/items/*/reconsignment',
    ...['name', 'legalBasis', 'purpose', 'information', 'personCount', 'personScope', 'timing'].flatMap((part) => [
      `/files/*/overview/provision/recipients/*/${part}`,
      `/files/*/overview/provision/transferees/*/${part}`,
    ]),
    '/files/*/overview/storage/location',
    '/files/*/riskMeasures/fileName',
    '/disclosure/request/destination',
    '/disclosure/request/method',
    '/disclosure/inquiry/contact',
    '/disclosure/inquiry/response',
    '/procedures/basicAssessment/date',
    '/procedures/basicAssessment/threshold',
  ],
  yoshiki3: [],
  yoshiki4: [
    '/basicInfo/reasons/necessity',
    '/basicInfo/reasons/benefits',
    '/files/*/overview/acquisitionUse/timing',
    '/files/*/overview/acquisitionUse/validity',
    '/files/*/overview/acquisitionUse/notice',
    '/files/*/overview/storage/period/term',
    '/files/*/overview/storage/erasure',
  ],
};

/** Concrete pointers of a pattern: each `*` becomes every answered entry of the list found there (not printed-empty slots). */
const expand = (context: CheckContext, pattern: string): string[] => {
  const star = pattern.indexOf('/*');
  if (star < 0) return [pattern];
  const list = pattern.slice(0, star);
  return context.entries(list).flatMap((entry) => expand(context, `${entry}${pattern.slice(star + 2)}`));
};

const valueOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;

const checkRequired = (context: CheckContext): Hit[] =>
  [...REQUIRED.common, ...REQUIRED[context.form]]
    .flatMap((pattern) => expand(context, pattern))
    .filter((pointer) => isBlank(valueOf(context.get(pointer))))
    .map((pointer) => ({ pointers: [pointer], message: fillMessage(M.required, { item: context.label(pointer) }) }));

export const REQUIRED_RULES: readonly CheckRule[] = [{ id: 'required.empty', severity: 'ERROR', check: checkRequired }];

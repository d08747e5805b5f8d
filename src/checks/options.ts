import { namedOption } from '../schema/index.js';
import type { Level } from './threshold.js';

/**
 * The ＜選択肢＞ options the rules reason about, named by their text (never by their place in the list). Each is
 * checked against the schemas when this module loads: an option the schema no longer has stops the program
 * at once instead of silently never matching.
 */
const CONSIGNMENT = '/files/*/overview/consignment/status/value';
const RECONSIGNMENT = '/files/*/overview/consignment/items/*/reconsignment';
const RECONSIGNEE_HANDLING = '/files/*/riskMeasures/consignment/risk/reconsigneeHandling/value';
const NETWORK = '/basicInfo/networkLinkage/implementation';
const BODY_TYPE = '/facts/bodyType';
/** Ⅲ７② (様式３) / Ⅲ７リスク１⑨ (様式４): the 3-year accident item. */
export const ACCIDENT_ITEM = {
  yoshiki3: '/files/*/riskMeasures/storage/risk/seriousAccident',
  yoshiki4: '/files/*/riskMeasures/storage/risk1/seriousAccident',
} as const;
const RESULT = '/procedures/basicAssessment/threshold';

const accident = <const T extends string>(value: T): T => {
  namedOption(`${ACCIDENT_ITEM.yoshiki3}/value`, value, ['yoshiki3']);
  return namedOption(`${ACCIDENT_ITEM.yoshiki4}/value`, value, ['yoshiki4']);
};

export const OPTION = {
  consign: namedOption(CONSIGNMENT, '委託する'),
  notConsign: namedOption(CONSIGNMENT, '委託しない'),
  reconsign: namedOption(RECONSIGNMENT, '再委託する'),
  notReconsign: namedOption(RECONSIGNMENT, '再委託しない'),
  notReconsigning: namedOption(RECONSIGNEE_HANDLING, '再委託していない'),
  implement: namedOption(NETWORK, '実施する'),
  notImplement: namedOption(NETWORK, '実施しない'),
  accidentOccurred: accident('発生あり'),
  accidentNone: accident('発生なし'),
  local: namedOption(BODY_TYPE, '地方公共団体等'),
  national: namedOption(BODY_TYPE, '行政機関等'),
} as const;

/** ②しきい値判断結果: the option each form prints for a mandated level (rules.md §2.3); 様式３ has none for 全項目. */
export const RESULT_OPTION = {
  yoshiki3: {
    JUTEN: namedOption(RESULT, '基礎項目評価及び重点項目評価の実施が義務付けられる', ['yoshiki3']),
    KISO: namedOption(RESULT, '基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）', ['yoshiki3']),
    NONE: namedOption(RESULT, '特定個人情報保護評価の実施が義務付けられない（任意に重点項目評価を実施）', ['yoshiki3']),
  },
  yoshiki4: {
    ZENKOMOKU: namedOption(RESULT, '基礎項目評価及び全項目評価の実施が義務付けられる', ['yoshiki4']),
    JUTEN: namedOption(RESULT, '基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）', ['yoshiki4']),
    KISO: namedOption(RESULT, '基礎項目評価の実施が義務付けられる（任意に全項目評価を実施）', ['yoshiki4']),
    NONE: namedOption(RESULT, '特定個人情報保護評価の実施が義務付けられない（任意に全項目評価を実施）', ['yoshiki4']),
  },
} as const satisfies Record<'yoshiki3' | 'yoshiki4', Partial<Record<Level, string>>>;

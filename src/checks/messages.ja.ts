/**
 * Japanese prose of the assessment checks: しきい値判断 reasoning and rule messages. Item labels are never
 * written here; they are filled in from the schema (`{item}` placeholders) by the rules.
 */
export const THRESHOLD_MESSAGES_JA = {
  rangeBelow: '{max}未満',
  rangeBetween: '{min}以上{max}未満',
  rangeFrom: '{min}以上',
  personsExact: '対象人数: {count}人（実数）',
  personsRange: '対象人数: {range}（③対象人数の選択肢。実数は未記録）',
  handlersExact: '取扱者数（委託先を含む）: {count}人 → {band}',
  handlersBand: '取扱者数（委託先を含む）: {band}（申告）',
  handlersUnknown: '取扱者数（委託先を含む）: 未記録',
  atLeast500: '500人以上',
  below500: '500人未満',
  accidentUnknown: '過去１年以内の重大事故: 未申告',
  accidentNone: '過去１年以内の重大事故: なし（申告）',
  accidentYes: '過去１年以内の重大事故: あり（申告{learned}）',
  accidentOutside: '重大事故: あり（申告{learned}）。ただし基礎項目評価の実施日から１年より前に知ったものなので、しきい値判断には数えない',
  accidentLearned: '、{date}に把握',
  factorYes: '取扱者数500人以上又は重大事故あり',
  factorNo: '取扱者数500人未満かつ重大事故なし',
  factorUnknown: '取扱者数・重大事故によらず',
  row: '表の行: 対象人数{range}・{factor} → {result}',
  result: '判断結果: {result}',
  resultOpen: '判断結果: 未確定（{results}のいずれか。取扱者数と重大事故の有無を記録すると確定します）',
  or: ' 又は ',
  levels: {
    NONE: '特定個人情報保護評価の実施は義務付けられない',
    KISO: '基礎項目評価のみ',
    JUTEN: '基礎項目評価及び重点項目評価',
    ZENKOMOKU: '基礎項目評価及び全項目評価',
  },
} as const;

/** 評価書名's 事業終了 suffix (rules.md §6.4), with either configured label word. */
export const TERMINATION_SUFFIX = /【[^【】]*(?:事業)?終了】\s*$/;

export const RULE_MESSAGES_JA = {
  thresholdResult: '②しきい値判断結果「{printed}」は判断の結果と合いません。正しくは「{expected}」です。（{steps}）',
  thresholdUndetermined: 'しきい値判断結果は取扱者数（委託先を含む）と過去１年以内の重大事故によって変わりますが、その記録がありません。可能な結果: {results}。（{steps}）',
  thresholdFormBelow: 'この事務には{results}が義務付けられるため、この様式では提出できません。（{steps}）',
  thresholdHandlerBuckets: '取扱者数は500人未満と記録されていますが、印字された使用者数・委託先における取扱者数の下限の合計が{sum}人で、500人以上になります。',
  personCountBucket: '記録された対象人数 {count}人は、③対象人数の選択肢「{range}」の範囲に入りません。',
  accidentDetails: '重大事故が「発生あり」なので、「{item}」を記入してください。',
  accidentThresholdHint: '過去３年以内の重大事故が「発生あり」です。しきい値判断の入力である過去１年以内の重大事故にあたるか確認してください。',
  procedureRequired: '全項目評価が義務付けられる評価書では「{section}」の「{item}」が必要です。',
  procedureVoluntary: '任意の全項目評価でも「{section}」の「{item}」の記入が期待されます。',
  commentPeriodShort: '意見の聴取の期間が{days}日間で{min}日に満たないので、「{item}」を記入してください。',
  approvalForLocal: '地方公共団体等の評価書では「{item}」は空欄にします（行政機関等のみの項目）。',
  approvalMissing: '行政機関等の評価書を公表するには「{item}」が必要です。',
  bodyTypeUnknown: '評価実施機関の区分（地方公共団体等／行政機関等）が記録されていません。第三者点検と個人情報保護委員会の承認の要否の確認に使います。',
  dateNotAfter: '「{later}」（{laterDate}）が「{earlier}」（{earlierDate}）より前です。',
  dateNotStrictlyAfter: '「{later}」（{laterDate}）は「{earlier}」（{earlierDate}）より後の日付である必要があります。',
  historyTimingEmpty: '変更箇所の{row}行目の「{item}」が空欄です（取り込んだ公表済みの行なら確認のうえ了承してください。新しい行では記入が必要です）。',
  reassessmentSoon: '５年ごとの再評価の時期（{due}）が近づいています。',
  reassessmentOverdue: '５年ごとの再評価の時期（{due}）を過ぎています。再評価を行ってください（努力義務）。',
  annualReview: '{since}から１年が過ぎました。年１回の見直しで、評価書の記載に変更がないか確認してください。',
  termination: '事業は{ended}に終了しています。公表は{until}まで続け、それ以降に公表を終了できます。',
  networkUnpublished: '情報連携を「実施する」としていますが、公表日がありません。公表されていない評価書のファイルは情報連携に使えません。',
  countMismatch: '件数は{declared}件ですが、{entry}は{entries}件です。',
  flagExpected: '「{cause}」が「{value}」なので、「{flag}」に印を付けてください。',
  flagUnexpected: '「{cause}」が「{value}」なので、「{flag}」の印は外してください。',
  reconsignmentDetailsMissing: '再委託するので「{item}」を記入してください。',
  reconsigneeHandlingNone: 'どの委託事項も再委託しないので、「{item}」は「{expected}」になるはずです（現在: {value}）。',
  reconsigneeHandlingSome: '再委託する委託事項があるのに、「{item}」が「{expected}」です。',
  systemConnectsNetwork: '「{network}」が「{value}」なのに、「{item}」に印が付いています。',
  noSystem: '「{item}」が１件もありません。',
  systemUnnamed: '「{item}」が空欄です。名称のない枠は印字されません。',
  fileNameDiffers: '「{a}」の「{name}」と「{b}」の「{other}」が違います。',
  fileNameNotListed: '「{a}」の「{name}」が「{list}」に書かれていません。',
  filePersonCount: 'ファイルの対象となる本人の数「{file}」が、事務の対象人数「{target}」を上回ります。',
  entryPersonCount: '対象となる本人の数「{entry}」が、ファイルの対象となる本人の数「{file}」を上回ります。',
  required: '「{item}」が空欄です。提出・公表の前に記入してください。',
} as const;

/** `pia check` output. */
export const CHECK_CLI_MESSAGES_JA = {
  clean: '✓ {file}: 指摘はありません',
  summary: '{file}: エラー {errors}件、警告 {warnings}件、情報 {infos}件',
  severity: { ERROR: 'エラー', WARN: '警告', INFO: '情報' },
  acknowledged: '（了承済み: {reason}）',
  invalid: '（スキーマの検証で{count}件の問題があります。pia validate で確認してください）',
} as const;

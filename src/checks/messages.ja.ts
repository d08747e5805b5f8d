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
  handlersPrintedAtMost: '取扱者数（委託先を含む）: 未記録。印字された使用者数と委託先における取扱者数の範囲から最大{max}人 → 500人未満',
  handlersPrintedAtLeast: '取扱者数（委託先を含む）: 未記録。印字された使用者数と委託先における取扱者数の下限の合計が{min}人 → 500人以上',
  atLeast500: '500人以上',
  below500: '500人未満',
  accidentUnknown: '過去１年以内の重大事故: 未申告',
  accidentNone: '過去１年以内の重大事故: なし（申告）',
  accidentPrintedNone:
    '過去１年以内の重大事故: 未申告。Ⅲ７の過去３年以内の重大事故がどのファイルでも「発生なし」なので、過去１年以内にもなし',
  accidentYes: '過去１年以内の重大事故: あり（申告{learned}）',
  accidentOutside:
    '重大事故: あり（申告{learned}）。ただし基礎項目評価の実施日から１年より前に知ったものなので、しきい値判断には数えない',
  accidentLearned: '、{date}に把握',
  factorYes: '取扱者数500人以上又は重大事故あり',
  factorNo: '取扱者数500人未満かつ重大事故なし',
  factorIrrelevant: '取扱者数・重大事故によらず',
  factorUnknown: '取扱者数・重大事故が未記録のため両方の列',
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

export const RULE_MESSAGES_JA = {
  thresholdResult: '②しきい値判断結果「{printed}」は判断の結果と合いません。正しくは「{expected}」です。（{steps}）',
  thresholdUndetermined:
    'しきい値判断結果は取扱者数（委託先を含む）と過去１年以内の重大事故によって変わりますが、その記録がありません。可能な結果: {results}。（{steps}）',
  thresholdFormBelow: 'この事務には{results}が義務付けられるため、この様式では提出できません。（{steps}）',
  thresholdHandlerBuckets:
    '取扱者数は500人未満と記録されていますが、印字された使用者数・委託先における取扱者数の下限の合計が{sum}人で、500人以上になります。',
  personCountBucket: '記録された対象人数 {count}人は、③対象人数の選択肢「{range}」の範囲に入りません。',
  accidentDetails: '重大事故が「発生あり」なので、「{item}」を記入してください。',
  accidentThresholdHint:
    '過去３年以内の重大事故が「発生あり」です。しきい値判断の入力である過去１年以内の重大事故にあたるか確認してください。',
  procedureRequired: '全項目評価が義務付けられる評価書では「{section}」の「{item}」が必要です。',
  procedureVoluntary: '任意の全項目評価でも「{section}」の「{item}」の記入が期待されます。',
  commentPeriodShort: '意見の聴取の期間が{days}日間で{min}日に満たないので、「{item}」を記入してください。',
  approvalForLocal: '地方公共団体等の評価書では「{item}」は空欄にします（行政機関等のみの項目）。',
  approvalMissing: '行政機関等の評価書を公表するには「{item}」が必要です。',
  bodyTypeUnknown:
    '評価実施機関の区分（地方公共団体等／行政機関等）が記録されていません。第三者点検と個人情報保護委員会の承認の要否の確認に使います。',
  dateNotAfter: '「{later}」（{laterDate}）が「{earlier}」（{earlierDate}）より前です。',
  dateNotStrictlyAfter: '「{later}」（{laterDate}）は「{earlier}」（{earlierDate}）より後の日付である必要があります。',
  historyOrder:
    '変更箇所の{row}行目（{date}）が前の行（{above}）より古い日付です。変更箇所は古い順に並べ、新しい行を末尾に加えます。',
  historyDateText:
    '変更箇所の{row}行目の変更日の表記「{text}」が、変更日（{date}）と違う日を表しています。PDFには表記のほうが印字されます。',
  historyTimingEmpty:
    '変更箇所の{row}行目の「{item}」が空欄です（取り込んだ公表済みの行なら確認のうえ了承してください。新しい行では記入が必要です）。',
  reassessmentSoon: '５年ごとの再評価の時期（{due}）が近づいています。',
  reassessmentOverdue: '５年ごとの再評価の時期（{due}）を過ぎています。再評価を行ってください（努力義務）。',
  annualReview: '{since}から１年が過ぎました。年１回の見直しで、評価書の記載に変更がないか確認してください。',
  termination: '事業は{ended}に終了しています。公表は{until}まで続け、それ以降に公表を終了できます。',
  networkUnpublished:
    '情報連携を「実施する」としていますが、公表日がありません。公表されていない評価書のファイルは情報連携に使えません。',
  countMismatch: '件数は{declared}ですが、{entry}は{entries}件です。',
  countBlank: '空欄',
  countValue: '{count}件',
  flagExpected: '「{cause}」が「{value}」なので、「{flag}」に印を付けてください。',
  provisionFlagExpected:
    '提供・移転を行っていないので、「{flag}」に印を付けてください（Ⅱ５: {status}）。',
  provisionFlagUnexpected:
    '委託や情報提供ネットワークシステムを通じたもの以外の提供・移転（{cause}）があるので、「{flag}」の印は外してください。',
  flagUnexpected: '「{cause}」が「{value}」なので、「{flag}」の印は外してください。',
  reconsignmentDetailsMissing: '再委託するので「{item}」を記入してください。',
  reconsigneeHandlingNone:
    'どの委託事項も再委託しないので、「{item}」は「{expected}」になるはずです（現在: {value}）。',
  reconsigneeHandlingSome: '再委託する委託事項があるのに、「{item}」が「{expected}」です。',
  systemConnectsNetwork: '「{network}」が「{value}」なのに、「{item}」に印が付いています。',
  noSystem: '「{item}」が１件もありません。',
  systemUnnamed: '「{item}」が空欄です。名称のない枠は印字されません。',
  fileNameDiffers: '「{a}」の「{name}」と「{b}」の「{other}」が違います。',
  fileNameNotListed: '「{a}」の「{name}」が「{list}」に書かれていません。',
  filePersonCount: 'ファイルの対象となる本人の数「{file}」が、事務の対象人数「{target}」を上回ります。',
  entryPersonCount: '対象となる本人の数「{entry}」が、ファイルの対象となる本人の数「{file}」を上回ります。',
  required: '「{item}」が空欄です。提出・公表の前に記入してください。',
  acknowledgementStale:
    '確認済みの記録（{rule}、理由: {reason}）に当たる警告は今はありません。不要になった記録なら削除してください。',
  acknowledgementNotWarn: '確認済みの記録（{rule}）は警告の規則のものではないため使われません。記録を削除してください。',
  acknowledgementNoReason: '確認済みの記録（{rule}）に理由がないため、警告は確認済みになりません。理由を記入してください。',
  outdatedReference:
    '「{cited}」を引用していますが、この文書は「{successor}」{since}に改められています。引用を後継の文書に改め、記載がその内容に合っているか確認してください（標準文「{snippet}」による）。',
  outdatedReferenceSince: '（{date}）',
  withheldWholeItem:
    '「{item}」を全部非公表にしています。非公表にできるのはセキュリティ上のリスクがある部分（期間・頻度・具体的な方法や設定など）に限られます。',
  withheldOutsideArea:
    '「{item}」の一部を非公表にしています（理由: {reason}）。非公表は通常、リスク対策と保管場所の記載に限られます。',
  withheldTextChanged:
    '「{item}」で非公表にした「{text}」が見つかりません（記載が変わりました）。公表版に載らないよう、非公表の指定をやり直してください。',
  withheldValueChanged:
    '「{item}」は非公表にした後に書き換えられています。公表版では今の値を非公表にしますが、非公表の指定を確かめてやり直してください。',
  withheldInvalid: '非公表の指定の項目（{pointer}）は、様式に印字される文の項目ではありません。指定を直すか削除してください。',
  withheldLeak:
    '非公表にした「{text}」が「{item}」にも書かれていて、公表版に載ります。ここも非公表にするか、記載を改めてください。',
} as const;

/** `pia check` output. */
export const CHECK_CLI_MESSAGES_JA = {
  clean: '✓ {file}: 指摘はありません',
  severity: { ERROR: 'エラー', WARN: '警告', INFO: '情報' },
  summary: '{file}: エラー {errors}件、警告 {warnings}件、確認済み {acknowledged}件、情報 {infos}件',
  acknowledgedSeverity: '確認済み',
  acknowledged: '（理由: {reason}）',
  invalid: '（スキーマの検証で{count}件の問題があります。pia validate で確認してください）',
} as const;

/** `pia acknowledge`: keeping a WARN as it is, with the reason, in the draft. */
export const ACKNOWLEDGE_CLI_MESSAGES_JA = {
  done: '✓ {file}: [{rule}] の警告{count}件を確認済みにしました（理由: {reason}）',
  replaced: '（同じ警告の確認済みの記録がすでにあったので、理由を書き換えました）',
  noReason: '確認済みにする理由を -m "<理由>" で指定してください（空欄にはできません）。',
  unknownRule: '「{rule}」という点検規則はありません。確認済みにできる規則: {rules}',
  notWarn: '[{rule}] は{severity}の規則です。確認済みにできるのは警告だけです（エラーは直すまで提出・公表できず、情報は確認の必要がありません）。',
  badPointer: '--pointer は / で始まる JSON Pointer で指定してください（例: /files/0/overview/consignment/status/count）:「{pointer}」',
  noFinding: '{file}: 今この評価書に [{rule}] の警告{at}はありません。',
  at: '（{pointer}）',
  current: '  この規則の今の警告の項目: {pointers}',
} as const;

/** What each rule checks, citing the section of the form rules (tests/fixtures/forms/rules.md) it encodes (shown by the UI and RULES). */
export const RULE_DESCRIPTIONS_JA = {
  'consignment.count': '「委託する（N）件」の件数と委託事項の数が一致する（§9-4）',
  'provision.count':
    '「提供を行っている（N）件」「移転を行っている（N）件」の件数と提供先・移転先の数が一致する（§9-4）',
  'consignment.flag': 'Ⅱの委託の有無とⅢ４の「委託しない」が一致する（§9-5）',
  'consignment.reconsignment':
    '再委託するなら再委託の許諾方法・再委託事項を記入し、全ての委託事項が再委託しないならⅢ４の再委託の項目は「再委託していない」（§9-6）',
  'provision.flag':
    'Ⅲ５の「提供・移転しない」は、委託や情報提供ネットワークシステムを通じたもの以外の提供・移転がないときに付ける（§9-7、様式４ §14.2）',
  'network.flags':
    '情報連携を実施しないならⅢ６の「接続しない（入手）」「接続しない（提供）」を付け、実施するなら両方は付けない（§9-8）',
  'network.systemConnection':
    '情報連携を実施しないのに、システムの他のシステムとの接続に情報提供ネットワークシステムが付いている（§9-8）',
  'systems.count': 'システムが１件以上あり、どのシステムにも①システムの名称がある（空の枠は印字されない）',
  'files.names': 'Ⅱ１とⅢ１の特定個人情報ファイル名が同じで、Ⅰ３の特定個人情報ファイル名に含まれる',
  'files.personCount': 'ファイルの②対象となる本人の数の下限が事務の③対象人数の上限を超えない（§9-2）',
  'entries.personCount':
    '提供先・移転先（様式４では委託事項も）の対象となる本人の数がファイルの②対象となる本人の数を超えない（§9-3）',
  'dates.basicBeforePublished': '基礎項目評価 ①実施日 ≤ 公表日（§3.3, §9-12）',
  'dates.procedureOrder':
    '様式４の手続の順序: 意見聴取の終了 < 第三者点検 ≤ 公表日、意見聴取の終了 < 提出日 < 承認日 ≤ 公表日（§3.3）',
  'dates.useAfterRetention': '使用開始日 ≥ 保有開始日（保有していないファイルは使用できない）',
  'history.dateAfterPublished':
    '取り込んだ変更箇所の変更日が公表日より後（公表済みの行なので警告にとどめる）（§4, §9-13）',
  'history.dateText': '取り込んだ変更箇所の変更日の表記（dateText）が変更日と同じ日を表す（§10）',
  'history.order': '変更箇所は古い順に並べ、新しい行を末尾に加える（§7.3）',
  'history.timingEmpty':
    '変更箇所の提出時期が空欄（取り込んだ公表済みの行では許されるが、新しい行では記入する）（§5.3）',
  'lifecycle.reassessmentSoon': '最後の再評価から５年の再評価の時期まで６か月を切った（事業終了後は対象外）（§6.3, §6.4）',
  'lifecycle.reassessmentOverdue': '最後の再評価から５年を過ぎた（事業終了後は対象外）（§6.3, §6.4）',
  'lifecycle.annualReview':
    '公表日（又は最後の見直し）から１年が過ぎた: 年１回の見直しの時期（事業終了後は対象外）（§6.3, §6.4）',
  'lifecycle.termination': '事業終了した評価書は終了日から３年間公表を続ける: 公表終了可能日の案内（§6.4）',
  'publication.networkUnpublished':
    '公表されていない評価書のファイルは情報提供ネットワークシステムでの情報連携に使えない（§8）',
  'procedure.publicComment':
    '全項目評価が義務付けられる様式４では、意見の聴取の①方法・②実施日・期間・④主な意見の内容・⑤評価書への反映を記入する（§3, §3.1）',
  'procedure.publicCommentVoluntary':
    '任意の全項目評価（しきい値判断結果 2）～4)）でも、意見の聴取の記録が期待される（§3）',
  'procedure.thirdParty':
    '地方公共団体等の義務的な全項目評価では、第三者点検の①実施日・②方法・③結果を記入する（§3, §3.2）',
  'procedure.thirdPartyVoluntary': '任意の全項目評価でも、第三者点検の記録が期待される（§3）',
  'procedure.commentPeriod':
    '意見の聴取の期間が30日（両端を含む）未満なら、③期間を短縮する特段の理由を記入する（§3.1, §9-10）',
  'procedure.approval':
    '個人情報保護委員会の承認の項目は、地方公共団体等では空欄、行政機関等では公表時に記入済み（§4, §9-11）',
  'procedure.bodyType':
    '様式４では評価実施機関の区分（地方公共団体等／行政機関等）で必要な手続が変わるので記録する（§1, §3）',
  'required.empty': '提出・公表する評価書で空欄にできない項目（任意の項目・特記事項・備考を除く）が空欄',
  'threshold.result': '②しきい値判断結果が、対象人数・取扱者数・重大事故から判断される結果と一致する（§2.3）',
  'threshold.undetermined': '結果が取扱者数・重大事故に左右される対象人数なのに、それらが記録されていない（§2.3）',
  'threshold.formBelowMandate':
    '義務付けられる評価がこの様式を上回る（様式３で全項目評価が義務付けられる等）（§2.3, §6.3）',
  'threshold.handlerBuckets':
    '印字された使用者数・委託先の取扱者数の下限の合計が500人以上なのに、取扱者数500人未満と記録されている（§2.3）',
  'threshold.personCountBucket': '記録された対象人数（実数）が③対象人数の選択肢の範囲に入らない（§2.2）',
  'accident.details': '過去３年以内の重大事故が「発生あり」なら、その内容と再発防止策の内容を記入する（§2.4, §9-9）',
  'accident.thresholdHint':
    '過去３年以内の重大事故が「発生あり」で対象人数が1万人以上なら、しきい値判断の重大事故（過去１年）への影響を確認する（§2.4）',
  'references.outdated': '標準文のライブラリが改められたとする文書（例: ガバメントクラウドの利用基準 第1.0版）を引用している',
  'withheld.wholeItem': '項目や節の全体を非公表にしている: 非公表はリスクのある部分に限る（§8）',
  'withheld.outsideArea': 'リスク対策（Ⅲ、様式４のⅣ）とⅡの保管場所の外で非公表にしている（§8）',
  'withheld.published':
    '公表版に非公表の文が載る: 非公表にした後で記載が変わった、又は同じ文が他の項目に非公表の指定なく書かれている（変更箇所の行では自動で非公表になる）（§8）',
  'acknowledgement.stale':
    '確認済みの記録のうち、今の警告に当たらないもの（警告が解消した、警告でない規則、理由が空欄）。次の改訂に残らないよう削除を促す',
} as const;

export type RuleId = keyof typeof RULE_DESCRIPTIONS_JA;

/**
 * What the review and the procedure of rules.md §3 and §6 tell people, in Japanese, the same words in the CLI, the API
 * and the editor. `{name}` as in fillMessage.
 */

/** Labels of entered values that fill no form item by themselves. */
export const STEP_FIELD_LABELS_JA = {
  from: '意見聴取の開始日',
  to: '意見聴取の終了日',
  opinions: '寄せられた意見の数',
  endDate: '事業の終了日',
  label: '評価書名に付ける語',
  publishedOn: '事業終了の版の公表日',
} as const;

export const PROCEDURE_MESSAGES_JA = {
  roleRequired: '「{step}」は{role}が行う手順です。この評価書でのあなたの役割では行えません。',
  ownRevision: '第{number}版は{name}さんが確定した版です。承認は作成した人以外が行ってください。',
  ownRequest: '第{number}版の確認は{name}さんが依頼しました。承認は依頼した人以外が行ってください。',
  superseded: '第{number}版の後に第{later}版が確定されているため、第{number}版の確認はもう依頼できません。第{later}版の確認を依頼してください。',
  noProcedure:
    '第{number}版は「{kind}」の版です。意見聴取・第三者点検・委員会の承認は、初回の評価と再評価の手続です（規程 §3、§6.2）。',
  consultationFirst:
    '「{step}」の前に、国民・住民等からの意見聴取を終えてください（規程 §3.3: 意見聴取の終了 → 第三者点検・委員会への提出）。',
  nationalOnly:
    '個人情報保護委員会の承認は、全項目評価書を行政機関等が実施するときの手続です。評価実施機関の区分（評価書に印字しない記録）を確認してください。',
  consultationMissing:
    '第{number}版は{kind}の全項目評価書のため、提出の前に国民・住民等からの意見聴取が必要です（規程 §3）。「意見聴取を始める」から手続を進めてください。',
  inspectionMissing:
    '地方公共団体等の全項目評価書は、提出の前に第三者点検が必要です（規程 §3）。「第三者点検に付す」から手続を進めてください。',
  commissionMissing:
    '行政機関等の全項目評価書は、個人情報保護委員会の承認を受けてから提出・公表します（規程 §3）。「個人情報保護委員会に提出する」から手続を進めてください。',
  bodyTypeUnknown:
    '評価実施機関の区分（地方公共団体等・行政機関等）が記録されていないため、提出の前に必要な手続（第三者点検か委員会の承認か）が決まりません。評価書に印字しない記録の「評価実施機関の区分」を入力して、新しい版を確定してください。',
  periodRunning: '意見聴取の期間は{to}までです。期間が終わってから（{next}以降に）「意見聴取を終える」を行ってください。',
  unpublishNotEnded:
    '第{number}版は事業終了の版ではありません。公表を終了できるのは、事業終了を記録して公表した版だけです（規程 §6.4）。',
  keepPublished:
    '事業の終了日（{ended}）から３年間は公表を続けます。公表を終了できるのは{until}からです（規程 §6.4）。',
  fieldRequired: '「{step}」には「{field}」を入力してください。',
  fieldInvalidDate: '「{field}」は YYYY-MM-DD の形式の実在する日付で入力してください:「{value}」',
  fieldInvalidCount: '「{field}」は0以上の整数で入力してください:「{value}」',
  fieldTooLong: '「{field}」は{max}文字以内で入力してください。',
  fieldUnknown: '「{step}」で入力できる項目は {fields} です（「{key}」はありません）。',
  fieldChoice: '「{field}」は {choices} のどれかにしてください:「{value}」',
  periodReversed: '意見聴取の終了日（{to}）が開始日（{from}）より前です。',
  periodTooShort:
    '意見聴取の期間が{days}日間です。30日に満たないときは「期間を短縮する特段の理由」を入力してください（規程 §3.1）。',
  dateInFuture: '「{field}」（{date}）は今日（{today}）より後の日付です。手続を行った日を入力してください。',
  noOpinions: 'なし',
  draftLacksItem: '作業中の評価書（{form}）には「{field}」を書き込む項目がありません。',
  terminationNotPublished:
    '事業終了は公表中の評価書に記録します。第{number}版が「{status}」のため、先にその版を公表するか取り下げてください。',
  terminationNothingPublished: '公表済みの版がないため、事業終了を記録できません。',
  terminationAlready: '評価書名に事業終了の記載（{suffix}）がすでにあります。',
  terminationOtherChanges:
    '作業中の評価書に、公表中の第{number}版からの変更が{count}件あります（{items}）。事業終了の版は評価書名のほかは変えないため、先にそれらを確定するか元に戻してください。',
  terminationBeforeEnd: '事業終了の版の公表日（{published}）が事業の終了日（{ended}）より前です。',
  terminationMessage: '事業終了（{ended}）',
  kindTermination: '事業終了の版は「事業終了を記録する」で作ります。',
} as const;

/** Japanese text of reuse: what a form revision migration asks the officer to look at, and its refusals. */
export const MIGRATION_MESSAGES_JA = {
  label: '「{path}」の表示が「{before}」から「{after}」に変わります。記載がこの表示に合うか確認してください。',
  mentions: '「{word}」と書いている記載が{count}か所あります: {items}',
  option: '「{path}」の選択肢「{before}」は、この改訂版では「{after}」です。',
  options: '「{path}」の＜選択肢＞が変わります（{changes}）。選んでいる値が今も合うか確認してください。',
  optionsAdded: '追加: {options}',
  optionsRemoved: '削除: {options}',
  noOption: '「{path}」の選択肢「{value}」はこの改訂版にないため、未選択にしました（値は移行メモに残しています）。',
  added: '「{path}」はこの改訂版で加わった項目です。記入してください。',
  removed: '「{path}」はこの改訂版にない項目です。',
  removedKept: '「{path}」はこの改訂版にない項目です。記載は移行メモに残しました。',
  restored: '「{path}」の記載を移行メモから戻しました。',
  unknownRevision: '様式の改訂版「{revision}」はありません。選べる改訂版: {revisions}',
  revisionMismatch: '評価書の様式の改訂版は「{actual}」で、移行元に指定された「{expected}」と違います。',
  noRevision: '評価書に様式の改訂版（formRevision）がありません。',
  unknownForm: '評価書の様式（form）が分かりません（現在の値: {value}）。',
  separator: '、',
} as const;

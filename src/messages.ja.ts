/** Japanese message templates for validation keywords. `{name}` placeholders are filled by fillMessage. */
export const VALIDATION_MESSAGES_JA = {
  required: '必須の項目がありません。',
  enum: '＜選択肢＞にない値です:「{value}」。選べる値: {options}',
  type: '{expected}で入力してください（現在の値: {value}）。',
  date: '日付は YYYY-MM-DD の形式で入力してください（例: 2025-08-19）:「{value}」',
  const: '「{allowed}」である必要があります（現在の値: {value}）。',
  additionalProperties: '様式にない項目「{property}」があります。',
  minimum: '{limit}以上の数を入力してください（現在の値: {value}）。',
  minItems: '{limit}件以上必要です。',
  maxItems: '{limit}件以下にしてください。',
  minLength: '記入が必要です。',
  pattern: '書式が正しくありません:「{value}」',
  uniqueIds: 'IDが重複しています:「{value}」。同じ一覧の中でIDは一つずつ別にしてください。',
  other: '様式の定めに合いません（{keyword}）。',
} as const;

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES_JA;

export const TYPE_NAMES_JA: Record<string, string> = {
  string: '文字',
  integer: '整数',
  number: '数値',
  boolean: 'true（チェックあり）か false（チェックなし）',
  null: '空欄（null）',
  object: '項目のまとまり',
  array: '一覧（- で始まる行）',
};

export const fillMessage = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** Japanese messages of the PDF renderer's expected failures. */
export const RENDER_MESSAGES_JA = {
  templateMissing: '様式{form}（{revision}）の帳票テンプレートがありません: templates/{form}/{revision}.hbs',
  missingGlyphs: 'PDFのフォントにない文字があるため出力できません: {chars}（{where}）。別の文字に置き換えてください。',
  invalid: '評価書に様式の定めに合わない箇所が{count}件あるため、PDFを出力できません。先に pia validate で確認してください。',
} as const;

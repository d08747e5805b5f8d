/** Japanese text of the standard texts (標準文): library problems, insertion refusals, update warnings. */
export const SNIPPET_MESSAGES_JA = {
  duplicate: '標準文「{id}」の第{version}版が二つあります。同じ版は一つにしてください。',
  unknownRef: '標準文「{id}」の第{version}版の{field}「{ref}」の第{refVersion}版はライブラリにありません。',
  cycle: '標準文「{id}」の第{version}版は、置き換えの関係をたどると自分に戻ります（{chain}）。',
  supersedes: '置き換える標準文',
  supersededBy: '後継の標準文',
  notFound: '標準文「{id}」の第{version}版はライブラリにありません。',
  idNotFound: '標準文「{id}」はライブラリにありません。',
  notText: '「{path}」は文章を書く項目ではないため、標準文を挿入できません。',
  badRange: '挿入する位置（{start}〜{end}文字目）が「{path}」の記載（{length}文字）の範囲を超えています。',
  edited:
    '「{path}」の標準文「{title}」（第{from}版）は挿入後に手で直されているため、第{to}版に置き換えませんでした。挿入した版・今の記載・新しい版を見比べて直してください。',
  missing:
    '「{path}」に標準文「{title}」（第{from}版）の記載が見つかりません（削除されたか、大きく直されています）。第{to}版に置き換えませんでした。',
  unknownVersion:
    '「{path}」の標準文「{id}」（第{from}版）は、挿入したときの本文がライブラリにないため、手で直されたか確かめられません。第{to}版に置き換えませんでした。',
  fileName: 'ファイル名は「{expected}」にしてください（IDと版から決まります）。',
  notMapping: '標準文のYAMLは「キー: 値」の形で書きます。',
  tooLarge: '標準文のファイルが大きすぎます（{kb} KB）。{limit} KB までです。',
  invalid: '標準文に正しくない箇所が{count}件あります: {first}',
  exists: '標準文「{id}」の第{version}版はすでにあります。公表された版は書き換えず、新しい版（第{next}版）として追加してください。',
  summaryDefault: '標準文「{titles}」の改版による記載の更新',
  titleSeparator: '」「',
} as const;

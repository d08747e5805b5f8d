import type { RevisionKind, RevisionPhase, RevisionStatus } from './domain/revision.js';
import type { StepName, StepRole } from './domain/steps.js';

/** Japanese message templates for validation keywords. `{name}` placeholders are filled by fillMessage. */
export const VALIDATION_MESSAGES_JA = {
  required: '必須の項目がありません。',
  enum: '＜選択肢＞にない値です:「{value}」。選べる値: {options}',
  type: '{expected}で入力してください（現在の値: {value}）。',
  date: '日付は YYYY-MM-DD の形式で入力してください（例: 2025-08-19）:「{value}」',
  impossibleDate: '暦にない日付です:「{value}」。月は 01〜12、日はその月にある日を入力してください（例: 2025-08-19）。',
  const: '「{allowed}」である必要があります（現在の値: {value}）。',
  additionalProperties: '様式にない項目「{property}」があります。',
  minimum: '{limit}以上の数を入力してください（現在の値: {value}）。',
  minItems: '{limit}件以上必要です。',
  maxItems: '{limit}件以下にしてください。',
  minLength: '記入が必要です。',
  pattern: '書式が正しくありません:「{value}」',
  blank: 'ここは記入しない項目です（空欄または「―」）:「{value}」',
  blankEntries: 'ここには空欄の枠のほかは記入しません。',
  uniqueIds: 'IDが重複しています:「{value}」。同じ一覧の中でIDは一つずつ別にしてください。',
  other: '様式の定めに合いません（{keyword}）。',
  tooManyIssues: '様式の定めに合わない箇所が多いため、最初の{count}件だけを示しています。これらを直してから、もう一度確認してください。',
  tooDeep: '入れ子が深すぎます（{limit}段まで）。評価書の様式にこれほど深い項目はありません。',
  tooManyValues: '項目と値が多すぎます（{limit}個まで）。評価書にこれほど多くの値はありません。',
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

/** What the HTTP API and `npm start` tell people, in Japanese. `{name}` placeholders are filled by fillMessage. */
export const API_MESSAGES_JA = {
  routeNotFound: '「{method} {url}」という API はありません。',
  fileNotFound: '「{url}」というファイルはありません。',
  uiNotBuilt: '画面（{uiDir}）がまだビルドされていません。npm run build:ui を実行してから開き直してください。',
  invalidId: '評価書のID「{id}」は使えません。半角英数字・ハイフン・下線（81文字まで、先頭は英数字）で指定してください。',
  reservedId: '「{id}」は標準文のライブラリのフォルダ名のため、評価書のIDやフォルダ名には使えません。別の名前を指定してください。',
  invalidRequest: '送信された内容が正しくありません（{where}）。',
  invalidRevisionNumber: '改訂番号「{n}」は使えません。1 以上の整数で指定してください。',
  invalidJson: '送信された内容を JSON として読めません。',
  forbiddenKey: '送信された内容に使えないキー「__proto__」があります。',
  badUrl: 'URL の書き方が正しくありません（% で始まる文字の書き方に誤りがあります）。',
  paramTooLong: 'URL の中の ID または番号が長すぎます。',
  malformedHttp: '送信された要求を HTTP として読めません。',
  headersTooLarge: '送信された要求のヘッダーまたは URL が長すぎます。',
  requestTimeout: '要求が時間内に届きませんでした。もう一度お試しください。',
  contentLengthMismatch: '送信された内容の長さが Content-Length ヘッダーと合いません。',
  dataNotObject: '評価書の内容（data）は項目のまとまり（オブジェクト）で送信してください。',
  requestTooLarge: '送信された内容が大きすぎます（上限 {limit} MB）。',
  unsupportedMediaType: '送信する内容は JSON（Content-Type: application/json）にしてください。',
  preconditionRequired:
    '保存するには、読み込んだ版を示す If-Match ヘッダーが必要です。画面を読み込み直してから保存してください。',
  internal: '内部エラーが発生しました。入力した内容は画面に残っています。しばらくしてからもう一度お試しください。',
  started: '評価書エディタを起動しました: {url}　（評価書フォルダ: {dataDir}）',
  stopped: '評価書エディタを終了しました。',
  portInUse: 'ポート {port} は他のプログラムが使用中です。--port で別の番号を指定してください。',
  invalidPort: 'ポート番号「{value}」は使えません。0〜65535 の整数を指定してください。',
  invalidLogLevel: 'ログの詳しさ「{value}」は使えません。{options} のいずれかを指定してください。',
  assessmentNotFound: '評価書「{id}」が見つかりません。',
  assessmentExists: '評価書「{id}」はすでにあります。別のIDを指定してください。',
  patchInvalid:
    '評価書「{id}」に送られた変更の{index}番目（{path}）を反映できません: {reason}。何も保存していません。画面を読み込み直してから、もう一度保存してください。',
  saveConflict:
    '評価書「{id}」は、開いた後に別の画面または別の人が保存しています。今回の変更はまだ保存されていません。保存された内容を確認してから、もう一度保存してください。',
  unknownForm: '評価書「{id}」の様式（form）が分かりません。',
  unknownFlag:
    '「{flag}」という指定はありません。使える指定: --port <番号>、--data <評価書フォルダ>、--host <アドレス>、--server-name <名前,…>、--login',
  missingFlagValue: '「{flag}」の後に値を指定してください。',
  invalidRow: '変更箇所の{row}行目の「{field}」が正しくありません。',
  invalidRowShape: '変更箇所の{row}行目が正しくありません。{columns} を持つ行にしてください。',
  invalidRowChoice: '変更箇所の{row}行目の「{field}」は {choices} のいずれかにしてください。',
  missingRowField: '変更箇所の{row}行目に「{field}」がありません。',
  unknownRowField: '変更箇所の{row}行目に「{field}」という欄はありません。',
} as const;

/** Why one operation of a delta save cannot apply (patchInvalid's {reason}), by PatchFault (src/merge/patch.ts). */
export const PATCH_FAULTS_JA = {
  root: '文書全体は差分では置き換えられません（PUT で送ってください）',
  segment: '場所の指定が正しくありません',
  parent: 'その場所を含む項目がありません',
  missing: '置き換える・削除する値がありません',
  index: '繰り返し項目の番号が範囲外です',
  value: '値がありません',
  op: '操作は add・replace・remove のいずれかにしてください',
} as const;

/** Where a malformed request went wrong, as named in invalidRequest. */
export const REQUEST_PARTS_JA: Record<string, string> = {
  body: '本文',
  querystring: '検索条件',
  params: 'URL',
  headers: 'ヘッダー',
};

/**
 * Words of the 変更箇所 table that are conventions of the published tables rather than form labels
 * (rules.md §5.3, §7.2): markers for added and removed items, 提出時期 values and default explanations.
 */
export const CHANGE_TABLE_JA = {
  added: '（なし）',
  removed: '削除',
  prior: '事前',
  posterior: '事後',
  important: '重要な変更にあたる項目',
  notImportant: '重要な変更にあたらぬ項目',
} as const;

/** Reasons a ※ item's change is not a 重要な変更 (rules.md §5.1), appended to the default explanation. */
export const EXCEPTION_REASONS_JA = {
  TYPO: '誤字脱字の修正',
  FORMAL: '形式的な変更',
  RISK_REDUCTION: '明らかにリスクを軽減させる変更',
  OTHER: 'その他',
} as const;

/** Why a confirmed row's 提出時期 disagrees with the rule (rules.md §5.3 WARNs). */
export const TIMING_WARNINGS_JA = {
  importantFiledAfter: '※の項目（重要な変更）ですが提出時期が「事後」です。事後とする理由を提出時期に係る説明に記載してください。',
  notImportantFiledBefore: '※のない項目（重要な変更にあたらない）ですが提出時期が「事前」です。',
  exceptionFiledBefore: '重要な変更にあたらない理由が選ばれていますが提出時期が「事前」です。',
  exceptionWithoutExplanation: '※の項目を重要な変更にあたらないとしていますが、提出時期に係る説明が空です。',
  timingMissing: '提出時期が空です。新しい改訂では事前か事後を記入してください。',
} as const;

/** A confirmed row's fields that are not printed columns (those are titled by the schema), for request errors. */
export const ROW_FIELDS_JA: Record<string, string> = {
  pointer: '項目の位置（pointer）',
  important: '重要な変更か（important）',
  exception: '重要な変更にあたらない理由（exception）',
};

/** Revision states as shown to people (exhaustive: a new state without a label does not compile). */
export const REVISION_STATUS_JA: Record<RevisionStatus, string> = {
  draft: '作成中',
  review: '確認依頼中',
  returned: '差戻し',
  approved: '承認済み',
  consultation: '意見聴取中',
  inspection: '第三者点検中',
  awaiting: '承認待ち',
  revising: '見直し',
  submitted: '提出済み',
  published: '公表済み',
  withdrawn: '取下げ',
  unpublished: '公表終了',
};

/** Each step as a person takes it (buttons, `pia review` / `pia procedure`, messages). */
export const STEP_NAMES_JA: Record<StepName, string> = {
  request: '確認を依頼する',
  return: '差し戻す',
  approve: '承認する',
  consult: '意見聴取を始める',
  consulted: '意見聴取を終える',
  inspect: '第三者点検に付す',
  inspected: '第三者点検の結果を記録する',
  apply: '個人情報保護委員会に提出する（承認待ち）',
  approval: '個人情報保護委員会の承認を記録する',
  submit: '提出済みにする',
  publish: '公表済みにする',
  withdraw: '取り下げる',
  unpublish: '公表を終了する',
};

export const STEP_ROLES_JA: Record<StepRole, string> = { author: '作成者', reviewer: '確認者' };

export const REVISION_KINDS_JA: Record<RevisionKind, string> = {
  initial: '初回の評価',
  reassessment: '再評価',
  correction: '修正',
  termination: '事業終了',
};

/** rules.md §6.1's names of a 修正, a 再評価 and the 事業終了 on their way, shown beside the state. */
export const REVISION_PHASES_JA: Record<RevisionPhase, string> = {
  correcting: '修正中',
  reassessing: '再評価中',
  ending: '事業終了の手続中',
  ended: '事業終了',
};

/** `submitted（提出済み） / published（公表済み）`, for messages that list states. */
export const revisionStatusChoicesJa = (statuses: readonly RevisionStatus[]): string =>
  statuses.map((status) => `${status}（${REVISION_STATUS_JA[status]}）`).join(' / ');

/** Japanese messages of the PDF renderer's expected failures. */
export const RENDER_MESSAGES_JA = {
  templateMissing: '様式{form}（{revision}）の帳票テンプレートがありません: templates/{form}/{revision}.hbs',
  missingGlyphs: 'PDFのフォントにない文字があるため出力できません: {chars}（{where}）。別の文字に置き換えてください。',
  imageInvalid: '図の画像ファイル「{file}」を PDF に入れられません（{reason}）。PNG か JPEG の画像に置き換えてください。',
} as const;

/** The revision workflow (src/workflows): commit, rows, status, default 変更日; the same words in the CLI and the editor. */
export const WORKFLOW_MESSAGES_JA = {
  commitInvalid:
    '作業中の評価書に様式の定めに合わない箇所が{count}件あるため、改訂を確定できません。指摘のある項目を直してから、もう一度確定してください。',
  commitConflict:
    '{file}: 改訂{base}をもとに編集している間に、改訂{latest}が作られました。作業中の評価書はそのまま残っています。改訂{latest}との違いを確認してから、もう一度改訂してください。',
  draftChanged:
    '評価書「{id}」は、確定しようとした版の後に保存されています。保存された内容を確認してから、もう一度確定してください。',
  authorRequired: '改訂を確定した人の名前（作成者）を指定してください。',
  messageRequired: '改訂の説明（変更内容）を指定してください。',
  byRequired: '状態を変える人の名前を指定してください。',
  invalidDate: '{what}は YYYY-MM-DD の形式の実在する日付で指定してください（例: 2025-08-19）:「{value}」',
  changeDate: '変更日',
  earlierThanPredecessor:
    '変更日 {date} が、前の版（第{number}版）の変更日 {previous} より前です。変更箇所の表で新しい行が前の版の行より上に並びます。',
  earlierThanPrinted:
    '変更日 {date} が、すでに変更箇所の表に印字される行の変更日 {latest} より前です。変更箇所の表は日付順に並ぶため、新しい行が古い行の間に入ります。',
  frozen:
    '第{number}版は「{status}」のため、変更箇所も内容も変更できません。直すときは、作業中の評価書から新しい版を確定してください。',
  contentFrozen:
    '第{number}版の記載は確定した版のため変更できません（変更箇所の表は別に編集できます）。直すときは、作業中の評価書を編集して新しい版を確定してください。',
  rowsConflict:
    '第{number}版の変更箇所は、開いた後に別の画面または別の人が保存しています。今回の変更はまだ保存されていません。保存された変更箇所を読み込み直してから、もう一度保存してください。',
  rowNotInRevision:
    '変更箇所の{row}行目（{item}）は第{number}版の変更ではありません。各版の変更箇所は直前の版（第{predecessor}版）と比べた変更だけです。',
  transitionInvalid: '第{number}版は「{from}」です。「{to}」にはできません。{allowed}',
  transitionAllowed: 'この版でできる操作: {choices}。',
  transitionNone: 'この版の状態はこれ以上変えられません。',
  reasonRequired: '第{number}版を「{to}」にする理由を指定してください（理由は記録に残ります）。',
  statusBlocked:
    '整合性チェックで誤り（エラー）が{count}件見つかったため、第{number}版を「{status}」にできません。誤りを直した評価書で新しい版を確定してください。',
  earlierNotRecorded:
    '第{earlier}版が「{status}」のままです。第{earlier}版の変更箇所が変更箇所の表に載らなくなるため、先に第{earlier}版を提出済みにするか取り下げてください。',
  notNewest: '第{number}版の後に第{newest}版があるため、第{number}版は取り下げられません。先に第{newest}版を取り下げてください。',
  pdfInvalid:
    '評価書に様式の定めに合わない箇所が{count}件あるため、PDFを出力できません。指摘のある項目を直してから、もう一度出力してください。',
  unknownFormRevision: '様式の版「{value}」はありません。使える版: {choices}',
  restorePointer: '戻す項目は / で始まる JSON Pointer で指定してください（例: /basicInfo/department/name）:「{pointer}」',
  restoreNotAnItem: '「{pointer}」は{form}の項目を指していません。変更のあった項目の位置（pointer）は pia diff --json で確かめられます。',
  restoreNowhere: '「{pointer}」（{label}）は、第{number}版にも作業中の評価書にもありません。',
} as const;

/** Publication (src/workflows/publication.ts): the 公表版 and 提出版, the bundle, verification; the same words everywhere. */
export const PUBLICATION_MESSAGES_JA = {
  variantPublic: '公表版',
  variantSubmission: '提出版',
  variantRedline: '見え消し',
  subjectPublic: '特定個人情報保護評価書 公表版（セキュリティ上のリスクがある部分を除く）',
  subjectSubmission: '特定個人情報保護評価書 提出版（全文）',
  subjectRedline: '特定個人情報保護評価書 見え消し（{from}からの変更）',
  redlineLegend: '見え消し　{from} → {to}　　青の下線：追加　赤の取消線：削除　左端の線：変更のある行',
  revisionName: '第{number}版',
  draftName: '作業中の評価書',
  bundleName: '公開用一式',
  sourceDescription: 'この提出版を出力した評価書（第{number}版）のYAML。pia verify で照合できます。',
  unresolved:
    '非公表の指定のうち{count}件が今の記載と一致しないか、非公表の文が他の項目に残っているため、公表版を出力できません。pia check（または画面の指摘一覧）で確認してください。',
  targetNotText: '「{item}」（{pointer}）は文の項目ではないため、一部だけを非公表にはできません。値全体を非公表にする場合は --all を指定してください。',
  targetNotPrinted: '{pointer} は様式に印字される項目ではありません。',
  textNotFound: '「{item}」に「{text}」は書かれていません。',
  spanOutOfRange: '「{item}」の{start}文字目から{end}文字目は、今の記載の範囲外です。',
  reasonRequired: '非公表とする理由を指定してください（空欄にはできません）。',
  notPublishable:
    '第{number}版は「{status}」です。公開用の一式をまとめられるのは提出済み・公表済みの版だけです。',
  sourceInvalid: '{file}: pia publish が書き出した版のYAML（publication: で始まるもの）ではありません。',
  sourceMismatch: '{file}: 評価書「{assessment}」第{number}版のYAMLではありません。',
} as const;

/** What the store says when the disk or another program gets in the way. */
export const STORE_MESSAGES_JA = {
  writeFailed: '{file}: 保存できませんでした（{reason}）。前回保存した内容はそのまま残っています。',
  noSpace: 'ディスクの空きがありません',
  readOnly: '書き込みが許可されていません',
  ioError: '書き込みに失敗しました',
  busy: '評価書「{id}」は他のプログラムが保存中です。しばらくしてからもう一度お試しください。',
} as const;

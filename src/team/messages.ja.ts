/** What accounts, sessions, roles, comments and the audit log tell people, in Japanese. `{name}` as in fillMessage. */
export const TEAM_MESSAGES_JA = {
  databaseLocked:
    'チーム用データベース（{dir}）は別のプロセス（PID {pid}）が使用中です。サーバーを止めてから実行するか、複数のプロセスで使うときは DATABASE_URL で PostgreSQL サーバーを指定してください。',
  migrationChanged:
    'データベースに適用済みの変更ファイル {file} の内容が変わっています。適用済みのファイルは変更せず、新しい番号のファイルを追加してください。',
  databaseUnavailable: 'チーム用データベースに接続できません: {reason}',
  hostNotAllowed:
    'このサーバーは「{host}」という名前では利用できません。サーバーの設定にある名前（{allowed}）で開いてください。',
  originRejected: '別のサイトから送られた変更の要求は受け付けません。この画面を開き直してから操作してください。',
  csrfRejected:
    '画面の確認用の値（X-PIA-CSRF）がないか古いため、変更を受け付けませんでした。画面を読み込み直してから操作してください。',
  loginRequired: 'ログインしてください。',
  sessionExpired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
  forbidden: 'この操作を行う権限がありません（必要な権限: {permission}）。',
  loginFailed: 'ログイン名またはパスワードが正しくありません。',
  loginThrottled: 'ログインの試行が多すぎます。{minutes}分ほど待ってからもう一度お試しください。',
  loginOff: 'このサーバーはログインなしの一人用モードで動いています。',
  hostRequiresLogin:
    'ループバック（127.0.0.1・localhost）以外のアドレス「{host}」で待ち受けるにはログインが必要です。--login を指定し、pia user add で最初の管理者を作成してから起動してください。',
  noAdministrator:
    'ログインを有効にするには、有効な管理者のアカウントが必要です。先に pia user add <ログイン名> --name <氏名> --role admin で作成してください。',
  userNotFound: 'アカウント「{login}」はありません。',
  userExists: 'アカウント「{login}」はすでにあります。',
  invalidLogin:
    'ログイン名「{login}」は使えません。半角英小文字・数字と . _ @ - の64文字までで、先頭は英数字にしてください。',
  invalidDisplayName: '氏名は1〜100文字で指定してください。',
  passwordTooShort: 'パスワードは{min}文字以上にしてください。',
  passwordTooLong: 'パスワードは{max}文字以下にしてください。',
  passwordMismatch: '確認のために入力したパスワードが一致しません。',
  invalidRoles: '役割「{roles}」は使えません。{choices} から指定してください。',
  lastAdministrator: '有効な管理者が一人もいなくなるため、この変更はできません。',
  commentNotFound: 'コメント {commentId} は評価書「{id}」にありません。',
  commentItemUnknown: '「{pointer}」は様式の項目を指していません。',
  commentIsReply: 'コメント {commentId} は返信です。解決・再開はスレッドの最初のコメントで行ってください。',
  commentRevisionNotFound: '評価書「{id}」に第{revision}版はありません。',
} as const;

/** Role names as the organisation uses them. */
export const ROLE_NAMES_JA = {
  admin: '管理者',
  author: '作成者',
  reviewer: '確認者',
  viewer: '閲覧者',
} as const;

/** Permission names as shown in a 403. */
export const PERMISSION_NAMES_JA = {
  read: '閲覧',
  'draft.edit': '作業中の評価書の編集',
  'revision.commit': '版の確定',
  'rows.edit': '変更箇所の編集',
  'revision.status': '版の手続（確認依頼・意見聴取・第三者点検・提出・公表・取下げ）',
  'review.decide': '版の確認（差戻し・承認）',
  'comment.write': 'コメントの記入',
  'audit.read': '操作記録の閲覧',
  'users.manage': 'アカウントと役割の管理',
} as const;

/** Audit events as listed for people (CSV export, `pia audit`). */
export const AUDIT_EVENT_NAMES_JA = {
  login: 'ログイン',
  'login.failed': 'ログイン失敗',
  logout: 'ログアウト',
  'assessment.create': '評価書の作成',
  'draft.save': '作業中の評価書の保存',
  'draft.changed-outside': '作業中の評価書がアプリの外で変更されたことを検知',
  'revision.commit': '版の確定',
  'revision.rows': '変更箇所の保存',
  'revision.status': '版の手続（確認依頼・差戻し・承認・提出・公表など）',
  'revision.termination': '事業終了の記録',
  'pdf.download': '公表前の版のPDF出力',
  'snippet.add': '標準文の版の追加',
  'comment.create': 'コメントの記入',
  'comment.reply': 'コメントへの返信',
  'comment.resolve': 'コメントの解決',
  'comment.reopen': 'コメントの再開',
  'user.create': 'アカウントの作成',
  'user.update': 'アカウントの変更',
  'user.password': 'パスワードの変更',
  'user.disable': 'アカウントの無効化',
  'role.change': '役割の変更',
} as const;

export type AuditEventName = keyof typeof AUDIT_EVENT_NAMES_JA;

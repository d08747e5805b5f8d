/** The audit log as CSV for people (Excel opens it: UTF-8 with BOM, CRLF), one row per entry, oldest first. */
import { formatJapanDateTimeWareki } from '../domain/wareki.js';
import type { AuditEntry } from './audit.js';
import { AUDIT_EVENT_NAMES_JA } from './messages.ja.js';

const HEADER = [
  '番号',
  '日時（UTC）',
  '日時（日本時間）',
  '操作',
  '操作コード',
  '利用者',
  '接続元',
  '評価書',
  '版',
  '変更前のハッシュ',
  '変更後のハッシュ',
  '詳細',
  '前のエントリのハッシュ',
  'エントリのハッシュ',
];

/**
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with ', since
 * login names typed at the login page end up here.
 */
const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const LOCAL_USER_LABEL = '（ローカル利用者）';

export const auditCsv = (entries: readonly AuditEntry[]): string => {
  const rows = entries.map((entry) => [
    entry.seq,
    entry.at,
    formatJapanDateTimeWareki(entry.at),
    AUDIT_EVENT_NAMES_JA[entry.event] ?? entry.event,
    entry.event,
    entry.userLogin ?? (entry.event === 'draft.changed-outside' ? '' : LOCAL_USER_LABEL),
    entry.address,
    entry.assessmentId,
    entry.revision,
    entry.hashBefore,
    entry.hashAfter,
    Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : '',
    entry.prevHash,
    entry.entryHash,
  ]);
  return `\uFEFF${[HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
};

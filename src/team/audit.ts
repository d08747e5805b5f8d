/**
 * The audit log: an append-only, hash-chained record of every event. Each entry's hash covers the previous
 * entry's hash and the entry's canonical content, and audit_head keeps the newest seq and hash, so an entry that
 * was edited, deleted, reordered or cut off the end is found by `verifyAudit`. The database also refuses UPDATE
 * and DELETE on the table (a trigger); the chain is what still tells when someone with the keys went around it.
 * Appending is audit-append.ts.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './db/db.js';
import type { AuditEntry, AuditProblem, JsonValue } from '../domain/team.js';
import type { AuditEventName } from './messages.ja.js';

export type { AuditEntry, AuditEvent, AuditProblem, JsonValue } from '../domain/team.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The log's head as audit_head holds it; a log without entries (no row yet) has seq 0 and the genesis hash. */
export const headOf = (
  row: { seq: number | null; entry_hash: string | null } | undefined,
): { seq: number; hash: string } => ({
  seq: row?.seq ?? 0,
  hash: row?.entry_hash ?? GENESIS_HASH,
});

/** JSON with object keys sorted at every level: the same content always gives the same bytes (jsonb reorders keys). */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
};

const contentOf = (entry: Omit<AuditEntry, 'prevHash' | 'entryHash'>): Record<string, unknown> => ({
  seq: entry.seq,
  at: entry.at,
  event: entry.event,
  userId: entry.userId,
  userLogin: entry.userLogin,
  address: entry.address,
  assessmentId: entry.assessmentId,
  revision: entry.revision,
  hashBefore: entry.hashBefore,
  hashAfter: entry.hashAfter,
  detail: entry.detail,
});

export const entryHashOf = (prevHash: string, entry: Omit<AuditEntry, 'prevHash' | 'entryHash'>): string =>
  createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(contentOf(entry))}`)
    .digest('hex');

type AuditRow = {
  seq: number;
  at: Date;
  event: AuditEventName;
  user_id: number | null;
  user_login: string | null;
  address: string | null;
  assessment_id: string | null;
  revision: number | null;
  hash_before: string | null;
  hash_after: string | null;
  detail: { [key: string]: JsonValue };
  prev_hash: string;
  entry_hash: string;
};

const fromRow = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at.toISOString(),
  event: row.event,
  userId: row.user_id,
  userLogin: row.user_login,
  address: row.address,
  assessmentId: row.assessment_id,
  revision: row.revision,
  hashBefore: row.hash_before,
  hashAfter: row.hash_after,
  detail: row.detail,
  prevHash: row.prev_hash,
  entryHash: row.entry_hash,
});

export type AuditQuery = { readonly assessmentId?: string; readonly limit?: number; readonly beforeSeq?: number };

/** Newest first. */
export const listAudit = async (db: Queryable, query: AuditQuery = {}): Promise<AuditEntry[]> => {
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_log
     WHERE ($1::text IS NULL OR assessment_id = $1) AND ($2::integer IS NULL OR seq < $2)
     ORDER BY seq DESC LIMIT $3`,
    [query.assessmentId ?? null, query.beforeSeq ?? null, query.limit ?? null],
  );
  return rows.map(fromRow);
};


export type AuditVerification = {
  readonly ok: boolean;
  readonly count: number;
  readonly headSeq: number;
  readonly headHash: string;
  readonly problems: readonly AuditProblem[];
};

/**
 * Walks the whole chain in seq order. An edited entry no longer matches its own hash; a deleted one leaves a gap in
 * the numbers and a next entry whose prev_hash names a hash that is not there; reordered entries (seqs swapped)
 * break the links; rows cut off the end, or added without the head, disagree with audit_head.
 */
export const verifyAudit = async (db: Queryable): Promise<AuditVerification> => {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const pageSize = 5000;
  for (let after = 0; ;) {
    const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
      after,
      pageSize,
    ]);
    for (const row of rows) {
      const entry = fromRow(row);
      count += 1;
      if (entry.seq !== expectedSeq) problems.push({ seq: entry.seq, kind: 'gap' });
      if (entry.prevHash !== prevHash) problems.push({ seq: entry.seq, kind: 'broken-link' });
      if (entryHashOf(entry.prevHash, entry) !== entry.entryHash) problems.push({ seq: entry.seq, kind: 'edited' });
      prevHash = entry.entryHash;
      expectedSeq = entry.seq + 1;
      after = entry.seq;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.query<{ seq: number; entry_hash: string }>('SELECT seq, entry_hash FROM audit_head');
  const { seq: headSeq, hash: headHash } = headOf(head);
  if (headSeq !== expectedSeq - 1 || headHash !== prevHash) problems.push({ seq: headSeq, kind: 'head-mismatch' });
  return { ok: problems.length === 0, count, headSeq, headHash, problems };
};

/**
 * Appending to the audit log, as one call per batch instead of a locked transaction per event.
 *
 * Every append of a process goes through one queue per database. The appends that arrive while a batch is being
 * written wait and go together in the next one (group commit): 20 editors saving at once cost a few calls, not 20
 * transactions of seven statements.
 *
 * The process keeps the head it wrote or read last, and per assessment the draft hash the log saw last as of that
 * head. A batch's entries are chained to that head in memory and written by one call (audit_append, a function of
 * the database) that inserts them only if audit_head still names that head. If another app instance or a `pia`
 * command appended meanwhile, the call writes nothing, or loses the race for the next seq on the primary key. The
 * head is then read again and the batch planned anew. Each entry is thus linked to its true predecessor without a
 * lock held across round trips.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from './db/db.js';
import { entryHashOf, headOf, type AuditEntry, type AuditEvent } from './audit.js';

/** The draft's hash as a request found it on disk, compared with the last hash the log saw (see appendAudit). */
export type DraftSeen = { readonly assessmentId: string; readonly hash: string; readonly address: string | null };

type Head = { readonly seq: number; readonly hash: string };

/** What this process knows of the log as of `head`: per assessment, the newest draft hash it recorded (null: none). */
type Known = { head: Head; readonly lastDraft: Map<string, string | null> };

type Pending = {
  readonly events: readonly AuditEvent[];
  readonly now: Date;
  readonly draftSeen: DraftSeen | undefined;
  readonly resolve: (entries: AuditEntry[]) => void;
  readonly reject: (error: unknown) => void;
};

/** A batch's entries, the head after them, and the draft hashes they record (to add to what is known once written). */
type Plan = { readonly entries: AuditEntry[][]; readonly head: Head; readonly lastDraft: ReadonlyMap<string, string> };

/** Rounds of "someone else appended first" before an append gives up (each one re-reads the head). */
const MAX_ATTEMPTS = 8;
/** Entries of so many appends at most in one call: its JSON parameter stays small. */
const MAX_BATCH = 200;
const UNIQUE_VIOLATION = '23505';

/**
 * An entry about the draft with its version after: what the log saw last of that draft. readKnown's query reads
 * the same from the table (revision IS NULL, hash_after IS NOT NULL, the newest seq).
 */
const draftHashAfter = (entry: AuditEntry): string | undefined =>
  entry.assessmentId !== null && entry.revision === null && entry.hashAfter !== null ? entry.hashAfter : undefined;

const changedOutside = (seen: DraftSeen, last: string): AuditEvent => ({
  event: 'draft.changed-outside',
  userId: null,
  userLogin: null,
  address: seen.address,
  assessmentId: seen.assessmentId,
  revision: null,
  hashBefore: last,
  hashAfter: seen.hash,
  detail: {},
});

/**
 * The entries of a batch, chained from the known head in arrival order. A draft whose hash differs from the last
 * one the log saw is first recorded as changed outside the app; an append before it in the batch counts as seen.
 */
const planBatch = (batch: readonly Pending[], known: Known): Plan => {
  let head = known.head;
  const lastDraft = new Map<string, string>();
  const entries = batch.map(({ events, now, draftSeen }) => {
    const last = draftSeen && (lastDraft.get(draftSeen.assessmentId) ?? known.lastDraft.get(draftSeen.assessmentId));
    const all = draftSeen && last && last !== draftSeen.hash ? [changedOutside(draftSeen, last), ...events] : events;
    return all.map((event) => {
      const content = { ...event, seq: head.seq + 1, at: now.toISOString() };
      const entry: AuditEntry = { ...content, prevHash: head.hash, entryHash: entryHashOf(head.hash, content) };
      head = { seq: entry.seq, hash: entry.entryHash };
      const after = draftHashAfter(entry);
      if (after !== undefined) lastDraft.set(entry.assessmentId!, after);
      return entry;
    });
  });
  return { entries, head, lastDraft };
};

/** The head and the last draft hashes of `ids`, read in one statement (one snapshot, so they agree). */
const readKnown = async (db: Db, ids: readonly string[]): Promise<Known> => {
  const [row] = await db.query<{ seq: number | null; entry_hash: string | null; last: Record<string, string | null> | null }>(
    `SELECT head.seq, head.entry_hash,
       (SELECT jsonb_object_agg(id, (SELECT hash_after FROM audit_log
          WHERE assessment_id = id AND revision IS NULL AND hash_after IS NOT NULL ORDER BY seq DESC LIMIT 1))
        FROM jsonb_array_elements_text($1::jsonb) AS id) AS last
     FROM (SELECT 1) AS one LEFT JOIN audit_head AS head ON true`,
    [JSON.stringify(ids)],
  );
  return { head: headOf(row), lastDraft: new Map(ids.map((id) => [id, row?.last?.[id] ?? null])) };
};

const rowOf = (entry: AuditEntry) => ({
  seq: entry.seq,
  at: entry.at,
  event: entry.event,
  user_id: entry.userId,
  user_login: entry.userLogin,
  address: entry.address,
  assessment_id: entry.assessmentId,
  revision: entry.revision,
  hash_before: entry.hashBefore,
  hash_after: entry.hashAfter,
  detail: entry.detail,
  prev_hash: entry.prevHash,
  entry_hash: entry.entryHash,
});

/** Inserts the entries and moves the head to `head`, if the head is still `expected`: whether it wrote. */
const writeIfHead = async (db: Db, expected: Head, entries: readonly AuditEntry[], head: Head): Promise<boolean> => {
  try {
    // audit_append (migrations/0002-audit-append.sql) writes only if the head is still `expected`.
    const [row] = await db.query<{ written: boolean }>('SELECT audit_append($1, $2, $3::jsonb, $4, $5) AS written', [
      expected.seq,
      expected.hash,
      JSON.stringify(entries.map(rowOf)),
      head.seq,
      head.hash,
    ]);
    return row?.written === true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
};

const sameHead = (a: Head, b: Head): boolean => a.seq === b.seq && a.hash === b.hash;

const createAppender = (db: Db) => {
  // PGlite is opened by one process only (its lock file): nobody else appends, so what this process knows is the log.
  const exclusive = db.kind === 'pglite';
  const queue: Pending[] = [];
  let known: Known | undefined;
  let draining = false;

  /**
   * What the batch needs to know, and whether the head was read for it. Only what is not known yet is read; if the
   * head moved meanwhile, everything known before is stale and all of the batch's ids are read again. `confirm`
   * reads the head even when everything is known.
   */
  const learn = async (ids: readonly string[], confirm: boolean): Promise<{ base: Known; fresh: boolean }> => {
    const toRead = confirm || !known ? ids : ids.filter((id) => !known!.lastDraft.has(id));
    if (known && toRead.length === 0 && !confirm) return { base: known, fresh: false };
    const read = await readKnown(db, toRead);
    if (known && sameHead(known.head, read.head)) for (const [id, hash] of read.lastDraft) known.lastDraft.set(id, hash);
    else known = toRead.length === ids.length ? read : await readKnown(db, ids);
    return { base: known, fresh: true };
  };

  const writeBatch = async (batch: readonly Pending[]): Promise<AuditEntry[][]> => {
    const ids = [...new Set(batch.flatMap((pending) => (pending.draftSeen ? [pending.draftSeen.assessmentId] : [])))];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      // After a lost race, a random pause keeps two instances from colliding again on the next seq.
      if (attempt > 1) await sleep(Math.random() * 10 * attempt);
      const { base, fresh } = await learn(ids, false);
      const plan = planBatch(batch, base);
      const all = plan.entries.flat();
      if (all.length === 0) {
        // Nothing to write: the answer stands if nobody else can have appended, or if the head is as it was.
        if (exclusive || fresh || sameHead((await learn(ids, true)).base.head, base.head)) return plan.entries;
        continue;
      }
      if (await writeIfHead(db, base.head, all, plan.head)) {
        base.head = plan.head;
        for (const [id, hash] of plan.lastDraft) base.lastDraft.set(id, hash);
        known = base;
        return plan.entries;
      }
      known = undefined;
    }
    throw new Error(`the audit log kept changing while ${MAX_ATTEMPTS} attempts to append to it were made`);
  };

  const drain = async (): Promise<void> => {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const entries = await writeBatch(batch);
          batch.forEach((pending, index) => pending.resolve(entries[index]!));
        } catch (error) {
          known = undefined;
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  };

  return (events: readonly AuditEvent[], now: Date, draftSeen: DraftSeen | undefined): Promise<AuditEntry[]> =>
    new Promise((resolve, reject) => {
      queue.push({ events, now, draftSeen, resolve, reject });
      if (!draining) void drain();
    });
};

const appenders = new WeakMap<Db, ReturnType<typeof createAppender>>();

/**
 * Appends events, chained after every entry before them, and resolves once they are committed. With `draftSeen`, a
 * draft that differs from the last hash the log saw is first recorded as changed outside the app (by the CLI, an
 * editor, a copy): the log then explains every version of the draft it has seen.
 */
export const appendAudit = (db: Db, events: readonly AuditEvent[], now: Date, draftSeen?: DraftSeen): Promise<AuditEntry[]> => {
  let append = appenders.get(db);
  if (!append) appenders.set(db, (append = createAppender(db)));
  return append(events, now, draftSeen);
};

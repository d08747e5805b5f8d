/**
 * Comments on items: a thread is anchored to one item (JSON Pointer) of the draft or of a frozen revision and
 * stores the official item path as it was when written, so it stays readable after the item moved or was deleted.
 * Replies join the thread; the thread is resolved or reopened as a whole.
 */
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import type { Db, Queryable } from './db/db.js';
import { TEAM_MESSAGES_JA } from './messages.ja.js';

export type CommentAuthor = { readonly id: number | null; readonly name: string };

import type { Comment, CommentThread, ItemCommentCount } from '../domain/team.js';

export type { Comment, CommentThread, ItemCommentCount };

export type CommentAnchor = {
  readonly assessmentId: string;
  readonly revision: number | null;
  readonly pointer: string;
  readonly itemPath: readonly string[];
};

export type ThreadFilter = {
  readonly status?: 'open' | 'resolved' | 'all';
  /** Threads this account wrote in (opened or replied to). */
  readonly participantId?: number;
  readonly pointer?: string;
  /** null: the draft's threads; a number: that revision's; absent: all. */
  readonly revision?: number | null;
};

type CommentRow = {
  id: number;
  assessment_id: string;
  revision: number | null;
  pointer: string;
  item_path: string[];
  thread_id: number | null;
  body: string;
  author_id: number | null;
  author_name: string;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by_name: string | null;
};

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  createdAt: row.created_at.toISOString(),
});

/** Rows of whole threads (openers and replies), in id order, folded into threads in the openers' order. */
const toThreads = (rows: readonly CommentRow[]): CommentThread[] => {
  const threads = new Map<number, CommentThread>();
  for (const row of rows) {
    if (row.thread_id === null)
      threads.set(row.id, {
        id: row.id,
        assessmentId: row.assessment_id,
        revision: row.revision,
        pointer: row.pointer,
        itemPath: row.item_path,
        resolved: row.resolved_at ? { at: row.resolved_at.toISOString(), by: row.resolved_by_name ?? '' } : null,
        comments: [toComment(row)],
      });
    else threads.get(row.thread_id)?.comments.push(toComment(row));
  }
  return [...threads.values()];
};

const THREAD_ROWS = `SELECT c.* FROM comments c
  WHERE c.assessment_id = $1 AND coalesce(c.thread_id, c.id) = ANY($2::integer[]) ORDER BY c.id`;

const threadsById = async (db: Queryable, assessmentId: string, ids: readonly number[]): Promise<CommentThread[]> =>
  toThreads(await db.query<CommentRow>(THREAD_ROWS, [assessmentId, ids]));

const notFound = (assessmentId: string, commentId: number): AppError =>
  new AppError('COMMENT_NOT_FOUND', fillMessage(TEAM_MESSAGES_JA.commentNotFound, { id: assessmentId, commentId }));

export const getThread = async (db: Queryable, assessmentId: string, threadId: number): Promise<CommentThread> => {
  const [thread] = await threadsById(db, assessmentId, [threadId]);
  if (!thread) throw notFound(assessmentId, threadId);
  return thread;
};

export const openThread = async (
  db: Db,
  anchor: CommentAnchor,
  body: string,
  author: CommentAuthor,
  now: Date,
): Promise<CommentThread> => {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO comments (assessment_id, revision, pointer, item_path, body, author_id, author_name, created_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8) RETURNING id`,
    [anchor.assessmentId, anchor.revision, anchor.pointer, anchor.itemPath, body, author.id, author.name, now],
  );
  return getThread(db, anchor.assessmentId, row!.id);
};

/** The thread's opening comment, or 404 when the id is not a thread of this assessment (or is itself a reply). */
const opener = async (db: Queryable, assessmentId: string, threadId: number): Promise<CommentRow> => {
  const [row] = await db.query<CommentRow>('SELECT * FROM comments WHERE id = $1 AND assessment_id = $2', [
    threadId,
    assessmentId,
  ]);
  if (!row) throw notFound(assessmentId, threadId);
  if (row.thread_id !== null)
    throw new AppError('INVALID_REQUEST', fillMessage(TEAM_MESSAGES_JA.commentIsReply, { commentId: threadId }));
  return row;
};

export const replyToThread = async (
  db: Db,
  assessmentId: string,
  threadId: number,
  body: string,
  author: CommentAuthor,
  now: Date,
): Promise<CommentThread> => {
  const first = await opener(db, assessmentId, threadId);
  await db.query(
    `INSERT INTO comments (assessment_id, revision, pointer, item_path, thread_id, body, author_id, author_name, created_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9)`,
    [assessmentId, first.revision, first.pointer, first.item_path, threadId, body, author.id, author.name, now],
  );
  return getThread(db, assessmentId, threadId);
};

export const setThreadResolved = async (
  db: Db,
  assessmentId: string,
  threadId: number,
  resolved: boolean,
  by: CommentAuthor,
  now: Date,
): Promise<CommentThread> => {
  await opener(db, assessmentId, threadId);
  await db.query('UPDATE comments SET resolved_at = $2, resolved_by_name = $3 WHERE id = $1', [
    threadId,
    resolved ? now : null,
    resolved ? by.name : null,
  ]);
  return getThread(db, assessmentId, threadId);
};

export const listThreads = async (
  db: Queryable,
  assessmentId: string,
  filter: ThreadFilter = {},
): Promise<CommentThread[]> => {
  const status = filter.status ?? 'all';
  const openers = await db.query<{ id: number }>(
    `SELECT t.id FROM comments t
     WHERE t.assessment_id = $1 AND t.thread_id IS NULL
       AND ($2 = 'all' OR ($2 = 'open') = (t.resolved_at IS NULL))
       AND ($3::text IS NULL OR t.pointer = $3)
       AND ($4::boolean IS FALSE OR t.revision IS NOT DISTINCT FROM $5::integer)
       AND ($6::integer IS NULL OR EXISTS (
         SELECT 1 FROM comments p WHERE coalesce(p.thread_id, p.id) = t.id AND p.author_id = $6))
     ORDER BY t.id`,
    [
      assessmentId,
      status,
      filter.pointer ?? null,
      filter.revision !== undefined,
      filter.revision ?? null,
      filter.participantId ?? null,
    ],
  );
  return threadsById(
    db,
    assessmentId,
    openers.map((row) => row.id),
  );
};


/** Threads per item pointer, for the 項目一覧 and the badges beside items. */
export const countThreadsByItem = async (
  db: Queryable,
  assessmentId: string,
  revision: number | null,
): Promise<Record<string, ItemCommentCount>> => {
  const rows = await db.query<{ pointer: string; open: number; total: number }>(
    `SELECT pointer, count(*) FILTER (WHERE resolved_at IS NULL)::integer AS open, count(*)::integer AS total
     FROM comments WHERE assessment_id = $1 AND thread_id IS NULL AND revision IS NOT DISTINCT FROM $2::integer
     GROUP BY pointer ORDER BY pointer`,
    [assessmentId, revision],
  );
  return Object.fromEntries(rows.map((row) => [row.pointer, { open: row.open, total: row.total }]));
};

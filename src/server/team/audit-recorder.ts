/**
 * How events reach the audit log. The existing routes (drafts, revisions, PDF) are not touched: AUDITED_ROUTES says,
 * per route, which event a successful answer means and how the document's hash before and after is found; a
 * preHandler hook takes the "before" and an onSend hook appends the event before the answer leaves, so a client
 * that saw success can rely on the entry being there. The team's own routes (login, comments, users) call the
 * recorder's `record` with what they know. A draft read or written by a request is compared with the last hash the log
 * saw, so a change made outside the app is recorded when noticed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { isAppError } from '../../errors.js';
import type { Library } from '../../store/index.js';
import { appendAudit, canonicalJson, type AuditEvent, type AuditEventName, type Db } from '../../team/index.js';
import { parseIfMatch } from '../routes/if-match.js';
import { accessKey } from './access-table.js';
import type { Actor } from './context.js';

type Params = { id?: string; n?: string };
type Query = { revision?: string; download?: string };

export type DocumentHashes = {
  draft: (id: string) => Promise<string>;
  /** The revision's hash and its status (公表済み or not), from one read. */
  revision: (id: string, n: number) => Promise<{ hash: string; status: string }>;
};

export const createDocumentHashes = (library: Library): DocumentHashes => ({
  draft: async (id) => (await library.assessment(id).readDraft()).etag,
  // A revision is its frozen content plus its status log and confirmed rows: all of it is what a change alters.
  revision: async (id, n) => {
    const revision = await library.assessment(id).readRevision(n);
    return {
      hash: createHash('sha256').update(canonicalJson(revision)).digest('base64url'),
      status: revision.status,
    };
  },
});

/** What an audited request found before its handler ran; filled by the preHandler, read by onSend. */
type Before = { hash: string | null; draftSeen?: string; skip?: boolean };

type Capture = {
  readonly before?: (request: FastifyRequest, hashes: DocumentHashes) => Promise<Before>;
  /** The event a successful answer means; undefined: nothing happened, but the draft was seen. */
  readonly after: (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    before: Before,
    hashes: DocumentHashes,
  ) => Promise<{ event?: Omit<PartialEvent, 'assessmentId'>; draftSeen?: string; draftWrite?: DraftWrite }>;
};

/** A draft the route wrote besides a revision (a step of the procedure, 事業終了): logged as its own draft entry. */
type DraftWrite = { readonly before: string; readonly after: string; readonly detail: AuditEvent['detail'] };

type PartialEvent = Pick<AuditEvent, 'event' | 'revision' | 'hashBefore' | 'hashAfter'> & {
  readonly assessmentId: string | null;
  readonly detail?: AuditEvent['detail'];
};

const etagHeader = (reply: FastifyReply): string | undefined => {
  const value = reply.getHeader('etag');
  return typeof value === 'string' ? value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1') : undefined;
};

const jsonPayload = (payload: unknown): Record<string, unknown> => {
  try {
    return typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const idOf = (request: FastifyRequest): string => (request.params as Params).id ?? '';
const revisionOf = (request: FastifyRequest): number => Number((request.params as Params).n);

const revisionChange = (event: AuditEventName, detail: (request: FastifyRequest) => AuditEvent['detail']): Capture => ({
  before: async (request, hashes) => ({ hash: (await hashes.revision(idOf(request), revisionOf(request))).hash }),
  after: async (request, _reply, _payload, before, hashes) => ({
    event: {
      event,
      revision: revisionOf(request),
      hashBefore: before.hash,
      hashAfter: (await hashes.revision(idOf(request), revisionOf(request))).hash,
      detail: detail(request),
    },
  }),
});

/** A commit: the draft that was frozen, and the revision it became (a termination wrote the draft first). */
const newRevision = (event: AuditEventName, detail: (request: FastifyRequest) => AuditEvent['detail']): Capture => ({
  before: async (request, hashes) => ({ hash: null, draftSeen: await hashes.draft(idOf(request)) }),
  after: async (request, _reply, payload, before, hashes) => {
    const n = Number((jsonPayload(payload)['revision'] as { number?: unknown } | undefined)?.number);
    const draftAfter = await hashes.draft(idOf(request));
    return {
      draftSeen: before.draftSeen,
      ...(before.draftSeen && draftAfter !== before.draftSeen
        ? { draftWrite: { before: before.draftSeen, after: draftAfter, detail: { by: event } } }
        : {}),
      event: {
        event,
        revision: n,
        hashBefore: draftAfter,
        hashAfter: (await hashes.revision(idOf(request), n)).hash,
        detail: detail(request),
      },
    };
  },
});

/** A status step: the revision before and after; a step of the procedure also fills items of the draft. */
const statusStep: Capture = {
  before: async (request, hashes) => ({
    hash: (await hashes.revision(idOf(request), revisionOf(request))).hash,
    draftSeen: await hashes.draft(idOf(request)),
  }),
  after: async (request, _reply, payload, before, hashes) => {
    const draftAfter = await hashes.draft(idOf(request));
    const body = request.body as { status?: string };
    const step = String((jsonPayload(payload)['statusLog'] as Array<{ status?: string }> | undefined)?.at(-1)?.status ?? '');
    return {
      draftSeen: before.draftSeen,
      ...(before.draftSeen && draftAfter !== before.draftSeen
        ? { draftWrite: { before: before.draftSeen, after: draftAfter, detail: { status: step } } }
        : {}),
      event: {
        event: 'revision.status',
        revision: revisionOf(request),
        hashBefore: before.hash,
        hashAfter: (await hashes.revision(idOf(request), revisionOf(request))).hash,
        detail: { status: String(body.status ?? '') },
      },
    };
  },
};

/**
 * A draft write of the reuse routes (様式の版の移行, 標準文の挿入・更新): like a save, from the If-Match version to the
 * answer's ETag, with what made it. An update that changed nothing answers the same ETag, and is logged as such.
 */
const reuseDraftWrite = (by: string): Capture => ({
  after: async (request, reply) => {
    const before = parseIfMatch(request.headers['if-match']) ?? null;
    return {
      draftSeen: before === '*' ? undefined : (before ?? undefined),
      event: { event: 'draft.save', revision: null, hashBefore: before === '*' ? null : before, hashAfter: etagHeader(reply) ?? null, detail: { by } },
    };
  },
});

/**
 * A PDF of a version that is not public (the draft, a revision not 公表済み, any 提出版) was taken: who, which
 * version, its hash. `revisionOf` names the version printed (undefined: the draft); a 公表済み revision is public.
 */
const nonPublicPrint = (
  printed: (request: FastifyRequest) => string | undefined,
  detail: (request: FastifyRequest) => Record<string, string | number | boolean> = () => ({}),
): Capture => ({
  before: async (request, hashes) => {
    const revision = printed(request);
    const id = idOf(request);
    if (revision === undefined) {
      const hash = await hashes.draft(id);
      return { hash, draftSeen: hash };
    }
    const { hash, status } = await hashes.revision(id, Number(revision));
    const submission = (request.params as { variant?: string }).variant === 'submission';
    return status === 'published' && !submission ? { hash: null, skip: true } : { hash };
  },
  after: async (request, _reply, _payload, before) => {
    if (before.skip) return {};
    const revision = printed(request);
    return {
      draftSeen: before.draftSeen,
      event: {
        event: 'pdf.download',
        revision: revision === undefined ? null : Number(revision),
        hashBefore: null,
        hashAfter: before.hash,
        detail: { download: (request.query as Query).download === '1', ...detail(request) },
      },
    };
  },
});

/** An assessment created (the answer names its id), with what it came from when anything. */
const newAssessment = (detail: (request: FastifyRequest) => Record<string, string> | undefined): Capture => ({
  after: async (request, _reply, payload, _before, hashes) => {
    const id = String(jsonPayload(payload)['id'] ?? '');
    const extra = detail(request);
    return {
      event: {
        event: 'assessment.create',
        assessmentId: id,
        revision: null,
        hashBefore: null,
        hashAfter: await hashes.draft(id),
        ...(extra ? { detail: extra } : {}),
      } as PartialEvent,
    };
  },
});

/** A save of the draft (whole or delta): the versions before and after, or that it was merged. */
const draftSave: Capture = {
  after: async (request, reply, payload) => {
    const ifMatch = parseIfMatch(request.headers['if-match']);
    // The save succeeded, so the file held the If-Match version until now (unless '*' overwrote whatever was there).
    const before = ifMatch === '*' ? null : (ifMatch ?? null);
    // A save the server merged started from an older version: the saves it was merged with are logged on their
    // own, so the file's version before it is not the If-Match one and says nothing about changes outside the app.
    const merged = jsonPayload(payload)['merged'] !== undefined;
    return {
      draftSeen: merged ? undefined : (before ?? undefined),
      event: {
        event: 'draft.save',
        revision: null,
        hashBefore: before,
        hashAfter: etagHeader(reply) ?? null,
        ...(merged ? { detail: { merged: true } } : {}),
      },
    };
  },
};

export const AUDITED_ROUTES: Readonly<Record<string, Capture>> = {
  'GET /api/assessments/:id': {
    after: async (_request, reply) => ({ draftSeen: etagHeader(reply) }),
  },
  'PUT /api/assessments/:id': draftSave,
  // The editor's delta save: the same save, the same event.
  'PATCH /api/assessments/:id': draftSave,
  // Always refused (423): nothing to record.
  'PATCH /api/assessments/:id/revisions/:n': { after: async () => ({}) },
  'POST /api/assessments': newAssessment(() => undefined),
  // 複製: a new assessment, as POST /api/assessments, with the source it was copied from.
  'POST /api/assessments/:id/copy': newAssessment((request) => ({ copiedFrom: idOf(request) })),
  'POST /api/assessments/:id/migration': reuseDraftWrite('migration'),
  'POST /api/assessments/:id/snippets': reuseDraftWrite('snippet.insert'),
  'POST /api/assessments/:id/snippets/update': reuseDraftWrite('snippet.update'),
  // A version added to the data folder's shared library: no assessment.
  'POST /api/snippets': {
    after: async (_request, _reply, payload) => {
      const { id, version } = jsonPayload(payload) as { id?: unknown; version?: unknown };
      return {
        event: { event: 'snippet.add', assessmentId: null, revision: null, hashBefore: null, hashAfter: null, detail: { snippet: String(id ?? ''), version: Number(version ?? 0) } } as PartialEvent,
      };
    },
  },
  'POST /api/assessments/:id/revisions': newRevision('revision.commit', (request) => ({
    baseRevision: (request.body as { baseRevision?: number | null }).baseRevision ?? null,
  })),
  'POST /api/assessments/:id/termination': newRevision('revision.termination', (request) => ({
    endDate: String((request.body as { endDate?: string }).endDate ?? ''),
  })),
  'PUT /api/assessments/:id/revisions/:n/rows': revisionChange('revision.rows', (request) => ({
    rows: ((request.body as { rows?: unknown[] }).rows ?? []).length,
  })),
  'PUT /api/assessments/:id/revisions/:n/status': statusStep,
  'GET /api/assessments/:id/pdf': nonPublicPrint((request) => (request.query as Query).revision),
  'GET /api/assessments/:id/print/:variant': nonPublicPrint((request) => (request.query as Query).revision, (request) => ({
    variant: String((request.params as { variant?: string }).variant ?? ''),
  })),
  // A redline shows the version `to` (the draft or a revision) with the changes since `from`.
  'GET /api/assessments/:id/redline': nonPublicPrint(
    (request) => {
      const { to } = request.query as { to?: string };
      return to === 'draft' ? undefined : to;
    },
    (request) => ({ redlineFrom: Number((request.query as { from?: string }).from ?? 0) }),
  ),
  // The bundle holds the 提出版, which is never public.
  'GET /api/assessments/:id/revisions/:n/bundle': {
    after: async (request, _reply, _payload, _before, hashes) => ({
      event: {
        event: 'pdf.download',
        revision: revisionOf(request),
        hashBefore: null,
        hashAfter: (await hashes.revision(idOf(request), revisionOf(request))).hash,
        detail: { bundle: true },
      },
    }),
  },
};

/** Routes whose handlers append their own events (they know what a hook cannot: the account, the thread, the outcome). */
export const SELF_AUDITED_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/session',
  'DELETE /api/session',
  'POST /api/assessments/:id/comments',
  'POST /api/assessments/:id/comments/:commentId/replies',
  'PUT /api/assessments/:id/comments/:commentId/resolution',
  'POST /api/users',
  'PATCH /api/users/:login',
  'PUT /api/users/:login/assessments/:id/roles',
]);

export const isAudited = (key: string): boolean => Object.hasOwn(AUDITED_ROUTES, key) || SELF_AUDITED_ROUTES.has(key);

const userFields = (actor: Actor): Pick<AuditEvent, 'userId' | 'userLogin'> =>
  actor.kind === 'user' ? { userId: actor.user.id, userLogin: actor.user.login } : { userId: null, userLogin: null };

export type AuditRecorder = {
  /** Appends one event made by this request's actor, from this request's address. */
  record: (request: FastifyRequest, event: PartialEvent & { userLogin?: string | null }) => Promise<void>;
};

const befores = new WeakMap<FastifyRequest, Before>();

export const registerAuditCapture = (app: FastifyInstance, db: Db, library: Library, now: () => Date): AuditRecorder => {
  const hashes = createDocumentHashes(library);
  const captureOf = (request: FastifyRequest): Capture | undefined =>
    request.routeOptions.url === undefined
      ? undefined
      : AUDITED_ROUTES[accessKey(request.method, request.routeOptions.url)];

  const append = async (request: FastifyRequest, events: AuditEvent[], draftSeen?: string): Promise<void> => {
    const id = (request.params as Params | undefined)?.id;
    try {
      await appendAudit(
        db,
        events,
        now(),
        draftSeen && id ? { assessmentId: id, hash: draftSeen, address: request.ip } : undefined,
      );
    } catch (error) {
      // The change itself is done; a missing entry shows later as a draft changed outside the app.
      request.log.error({ err: error }, 'audit entry could not be written');
    }
  };

  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  app.addHook('onClose', async () => {
    await Promise.all(pending);
  });

  app.addHook('preHandler', async (request) => {
    const capture = captureOf(request);
    if (!capture?.before) return;
    try {
      befores.set(request, await capture.before(request, hashes));
    } catch (error) {
      // The handler will answer the same failure (unknown id, missing revision) in its own words.
      if (!isAppError(error)) throw error;
      befores.set(request, { hash: null, skip: true });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const capture = captureOf(request);
    if (!capture || reply.statusCode >= 400) return payload;
    const before = befores.get(request) ?? { hash: null };
    try {
      const { event, draftSeen, draftWrite } = await capture.after(request, reply, payload, before, hashes);
      const written: Omit<PartialEvent, 'assessmentId'>[] = draftWrite
        ? [{ event: 'draft.save', revision: null, hashBefore: draftWrite.before, hashAfter: draftWrite.after, detail: draftWrite.detail }]
        : [];
      const events: AuditEvent[] = [...written, ...(event ? [event] : [])].map(
        (one) =>
          ({
            assessmentId: (request.params as Params).id ?? null,
            detail: {},
            ...one,
            ...userFields(request.actor),
            address: request.ip,
          }) as AuditEvent,
      );
      if (events.length > 0) await append(request, events, draftSeen);
      // A read that only notices the draft's version does not wait for the log (or for the database to open).
      else if (draftSeen) track(append(request, events, draftSeen));
    } catch (error) {
      request.log.error({ err: error }, 'audit entry could not be prepared');
    }
    return payload;
  });

  return {
    record: (request, event) =>
      append(request, [
        {
          detail: {},
          ...userFields(request.actor),
          ...event,
          address: request.ip,
        } as AuditEvent,
      ]),
  };
};

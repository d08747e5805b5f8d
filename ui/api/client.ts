import type {
  ApiError,
  AssessmentResponse,
  ChecksResponse,
  CommitPlanResponse,
  CommitRevisionRequest,
  CommitRevisionResponse,
  ConfirmedRow,
  CopyPreviewResponse,
  CopyRequestBody,
  CopyResponse,
  CreateAssessmentRequest,
  CreateAssessmentResponse,
  DiffResponse,
  ListAssessmentsQuery,
  ListAssessmentsResponse,
  ListRevisionsResponse,
  PatchAssessmentRequest,
  RevisionMeta,
  RowsConflictDetails,
  RevisionResponse,
  SaveAssessmentResponse,
  SaveConflictDetails,
  SetStatusRequest,
  SnippetLibraryResponse,
  SnippetUpdatesResponse,
  SnippetUsesResponse,
  UpdateSnippetsRequest,
  UpdateSnippetsResponse,
  AuditResponse,
  CommentCountsResponse,
  CommentThread,
  CreateCommentRequest,
  CreateUserRequest,
  ListCommentsResponse,
  ListUsersResponse,
  SessionResponse,
  SetAssessmentRolesRequest,
  TerminationRequest,
  UpdateUserRequest,
  UserResponse,
} from '../../src/server/dto.js';
import { SESSION_API_PATH, assessmentApiPath, revisionsApiPath, snippetUsesApiPath } from '../../src/domain/page-answers.js';
import { patchBetween, type SaveAttempt, type StoredVersion } from '../../src/merge/index.js';
import { msg } from '../messages.ja.js';
import { takeWrittenAnswer } from './early.js';

/** A failed API call: the server's Japanese message, its code and details (e.g. the other version on a 409). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** The 409 of a stale save carries the version now on disk. */
export const conflictOf = (error: unknown): SaveConflictDetails | undefined =>
  error instanceof ApiFailure && error.status === 409 && error.code === 'REVISION_CONFLICT'
    ? (error.details as SaveConflictDetails)
    : undefined;

/** The 409 of a stale rows save carries the rows now stored. */
export const rowsConflictOf = (error: unknown): RowsConflictDetails | undefined =>
  error instanceof ApiFailure && error.status === 409 && error.code === 'ROWS_CONFLICT'
    ? (error.details as RowsConflictDetails)
    : undefined;

const isApiError = (body: unknown): body is ApiError =>
  typeof body === 'object' && body !== null && typeof (body as ApiError).message === 'string';

/**
 * The token the server wants in X-PIA-CSRF on every state-changing request (GET /api/session gives it): a header a
 * page of another site cannot send. Fetched once, and again after the server refuses it (a new login, a restart).
 */
let csrfToken: Promise<string | null> | undefined;
const currentCsrfToken = (): Promise<string | null> =>
  (csrfToken ??= fetch(SESSION_API_PATH, { headers: { Accept: 'application/json' } })
    .then(async (response) => ((await response.json()) as { csrfToken?: string | null }).csrfToken ?? null)
    .catch(() => {
      csrfToken = undefined;
      return null;
    }));

/** The token of the session the page read first (session.ts), so the first write does not ask for it again. */
export const rememberCsrfToken = (token: string | null): void => {
  csrfToken ??= Promise.resolve(token);
};

/** After a login or logout the session has a new token (or none). */
const useToken = (token: string | null): void => {
  csrfToken = Promise.resolve(token);
};

const send = async (path: string, init: RequestInit): Promise<Response> => {
  const writes = init.method !== undefined && init.method !== 'GET' && init.method !== 'HEAD';
  // Fetched beside the first read, so that a save (e.g. the one before leaving a page) does not wait for it.
  const pendingToken = currentCsrfToken();
  const token = writes ? await pendingToken : null;
  try {
    return await fetch(path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { 'X-PIA-CSRF': token } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw new ApiFailure(0, 'NETWORK', msg('networkError'));
  }
};

const request = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  if (init.method === undefined || init.method === 'GET') {
    const written = takeWrittenAnswer(path);
    if (written.found) return written.answer as T;
  }
  let response = await send(path, init);
  const refusedToken = async (): Promise<boolean> =>
    ((await response.clone().json().catch(() => ({}))) as { code?: string }).code === 'CSRF_REJECTED';
  if (response.status === 403 && (await refusedToken())) {
    csrfToken = undefined;
    response = await send(path, init);
  }
  return answerOf<T>(response);
};

/** The body of an API answer, or its refusal as an ApiFailure. */
export const answerOf = async <T>(response: Response): Promise<T> => {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw failureOf(response.status, body);
  return body as T;
};

/** A refused request as an ApiFailure: the server's Japanese message, or one saying what failed. */
export const failureOf = (status: number, body: unknown): ApiFailure => {
  if (isApiError(body)) return new ApiFailure(status, body.code, body.message, body.details);
  return new ApiFailure(status, 'HTTP', msg(status === 404 ? 'routeMissing' : 'unknownError', { status }));
};

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers,
});

/** The only code of the UI that talks HTTP; one function per route of the API contract. */
export const api = {
  list: (query: ListAssessmentsQuery): Promise<ListAssessmentsResponse> => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
    return request(`/api/assessments?${params}`);
  },
  create: (body: CreateAssessmentRequest): Promise<CreateAssessmentResponse> =>
    request('/api/assessments', json('POST', body)),
  get: (id: string): Promise<AssessmentResponse> => request(assessmentApiPath(id)),
  /** Save data made from the version `etag` names; the server merges it with a newer version when nothing conflicts. */
  save: (id: string, etag: string, data: Record<string, unknown>): Promise<SaveAssessmentResponse> =>
    request(assessmentApiPath(id), json('PUT', { data, merge: true }, { 'If-Match': `"${etag}"` })),
  /**
   * Save data made from `base` by sending only what changed since (PATCH, a few hundred bytes where the whole of
   * 001 is 250 KB): the server applies it to that version and saves as `save` does. Should the server's copy of
   * that version not take the changes (PATCH_INVALID), the whole draft is sent instead.
   */
  saveChanges: async (id: string, base: StoredVersion, data: Record<string, unknown>): Promise<SaveAssessmentResponse> => {
    const body: PatchAssessmentRequest = { operations: patchBetween(base.data, data), merge: true };
    try {
      return await request(assessmentApiPath(id), json('PATCH', body, { 'If-Match': `"${base.etag}"` }));
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'PATCH_INVALID') return api.save(id, base.etag, data);
      throw error;
    }
  },
  /**
   * A save of data made from `base`, as one attempt for saveMerging: the server merges it with a version saved
   * meanwhile when nothing conflicts (answered with the merge), else it is refused with the version on disk.
   */
  trySave: async (id: string, base: StoredVersion, data: Record<string, unknown>): Promise<SaveAttempt> => {
    try {
      const saved = await api.saveChanges(id, base, data);
      return { saved: true, etag: saved.etag, ...(saved.merged ? { merged: saved.merged } : {}) };
    } catch (error) {
      const current = conflictOf(error);
      if (current?.data) return { saved: false, current: { etag: current.etag, data: current.data } };
      throw error;
    }
  },
  checks: (id: string): Promise<ChecksResponse> => request(`${assessmentApiPath(id)}/checks`),
  revisions: (id: string): Promise<ListRevisionsResponse> => request(revisionsApiPath(id)),
  /** What committing now would do: base, default 変更日 and the warnings for `changeDate` (server-side rule). */
  commitPlan: (id: string, changeDate?: string): Promise<CommitPlanResponse> =>
    request(`${assessmentApiPath(id)}/revisions/next${changeDate ? `?changeDate=${encodeURIComponent(changeDate)}` : ''}`),
  revision: (id: string, revision: number): Promise<RevisionResponse> => request(`${assessmentApiPath(id)}/revisions/${revision}`),
  commit: (id: string, body: CommitRevisionRequest): Promise<CommitRevisionResponse> =>
    request(`${assessmentApiPath(id)}/revisions`, json('POST', body)),
  diff: (id: string, from: number, to: number | 'draft'): Promise<DiffResponse> =>
    request(`${assessmentApiPath(id)}/diff?from=${from}&to=${to}`),
  saveRows: (id: string, revision: number, rowsEtag: string, rows: ConfirmedRow[]): Promise<RevisionMeta> =>
    request(`${assessmentApiPath(id)}/revisions/${revision}/rows`, json('PUT', { rows }, { 'If-Match': `"${rowsEtag}"` })),
  setStatus: (id: string, revision: number, body: SetStatusRequest): Promise<RevisionMeta> =>
    request(`${assessmentApiPath(id)}/revisions/${revision}/status`, json('PUT', body)),
  /** What a copy on `formRevision` (the source's when omitted) would leave blank, and the migration report. */
  copyPreview: (id: string, formRevision?: string): Promise<CopyPreviewResponse> =>
    request(`${assessmentApiPath(id)}/copy${formRevision ? `?formRevision=${encodeURIComponent(formRevision)}` : ''}`),
  copy: (id: string, body: CopyRequestBody): Promise<CopyResponse> => request(`${assessmentApiPath(id)}/copy`, json('POST', body)),
  snippets: (): Promise<SnippetLibraryResponse> => request('/api/snippets'),
  snippetUpdates: (): Promise<SnippetUpdatesResponse> => request('/api/snippets/updates'),
  /** The standard texts the draft records, with their state and newer versions. */
  snippetUses: (id: string): Promise<SnippetUsesResponse> => request(snippetUsesApiPath(id)),
  updateSnippets: (id: string, etag: string, body: UpdateSnippetsRequest): Promise<UpdateSnippetsResponse> =>
    request(`${assessmentApiPath(id)}/snippets/update`, json('POST', body, { 'If-Match': `"${etag}"` })),
  /** The 公表版 or 提出版 of the draft or of a revision (a revision's carry the publication stamp). */
  printUrl: (id: string, variant: 'public' | 'submission', options: { revision?: number; download?: boolean } = {}): string => {
    const params = new URLSearchParams();
    if (options.revision !== undefined) params.set('revision', String(options.revision));
    if (options.download) params.set('download', '1');
    const query = params.toString();
    return `${assessmentApiPath(id)}/print/${variant}${query ? `?${query}` : ''}`;
  },
  /** A reviewer's redline of `to` with the changes since revision `from` marked. */
  redlineUrl: (id: string, from: number, to: number | 'draft'): string =>
    `${assessmentApiPath(id)}/redline?${new URLSearchParams({ from: String(from), to: String(to), download: '1' }).toString()}`,
  /** The bundle (zip) of a submitted or published revision. */
  bundleUrl: (id: string, revision: number): string => `${assessmentApiPath(id)}/revisions/${revision}/bundle`,
  terminate: (id: string, body: TerminationRequest): Promise<CommitRevisionResponse> =>
    request(`${assessmentApiPath(id)}/termination`, json('POST', body)),

  session: (): Promise<SessionResponse> => request(SESSION_API_PATH),
  login: async (login: string, password: string): Promise<SessionResponse> => {
    const session = await request<SessionResponse>(SESSION_API_PATH, json('POST', { login, password }));
    useToken(session.csrfToken);
    return session;
  },
  logout: async (): Promise<void> => {
    await request(SESSION_API_PATH, { method: 'DELETE' });
    useToken(null);
  },

  comments: (id: string, query: { revision: number | 'draft'; status?: 'open' | 'resolved' | 'all'; mine?: boolean }): Promise<ListCommentsResponse> => {
    const params = new URLSearchParams({ revision: String(query.revision), status: query.status ?? 'all' });
    if (query.mine) params.set('mine', '1');
    return request(`${assessmentApiPath(id)}/comments?${params}`);
  },
  commentCounts: (id: string, revision: number | 'draft'): Promise<CommentCountsResponse> =>
    request(`${assessmentApiPath(id)}/comments/counts?revision=${revision}`),
  comment: (id: string, body: CreateCommentRequest): Promise<CommentThread> =>
    request(`${assessmentApiPath(id)}/comments`, json('POST', body)),
  reply: (id: string, thread: number, body: string): Promise<CommentThread> =>
    request(`${assessmentApiPath(id)}/comments/${thread}/replies`, json('POST', { body })),
  resolve: (id: string, thread: number, resolved: boolean): Promise<CommentThread> =>
    request(`${assessmentApiPath(id)}/comments/${thread}/resolution`, json('PUT', { resolved })),

  audit: (id: string): Promise<AuditResponse> => request(`${assessmentApiPath(id)}/audit?format=json`),
  auditUrl: (id: string, format: 'csv' | 'json'): string => `${assessmentApiPath(id)}/audit?format=${format}`,

  users: (): Promise<ListUsersResponse> => request('/api/users'),
  createUser: (body: CreateUserRequest): Promise<UserResponse> => request('/api/users', json('POST', body)),
  updateUser: (login: string, body: UpdateUserRequest): Promise<UserResponse> =>
    request(`/api/users/${encodeURIComponent(login)}`, json('PATCH', body)),
  setAssessmentRoles: (login: string, id: string, body: SetAssessmentRolesRequest): Promise<UserResponse> =>
    request(`/api/users/${encodeURIComponent(login)}/assessments/${encodeURIComponent(id)}/roles`, json('PUT', body)),

  pdfUrl: (id: string, options: { revision?: number; download?: boolean } = {}): string => {
    const params = new URLSearchParams();
    if (options.revision !== undefined) params.set('revision', String(options.revision));
    if (options.download) params.set('download', '1');
    const query = params.toString();
    return `${assessmentApiPath(id)}/pdf${query ? `?${query}` : ''}`;
  },
};

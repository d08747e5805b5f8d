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
} from '../../src/server/dto.js';
import type { SaveAttempt, StoredVersion } from '../../src/merge/index.js';
import { msg } from '../messages.ja.js';

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

const request = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    });
  } catch {
    throw new ApiFailure(0, 'NETWORK', msg('networkError'));
  }
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (isApiError(body)) throw new ApiFailure(response.status, body.code, body.message, body.details);
    const key = response.status === 404 ? 'routeMissing' : 'unknownError';
    throw new ApiFailure(response.status, 'HTTP', msg(key, { status: response.status }));
  }
  return body as T;
};

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers,
});

const assessmentPath = (id: string): string => `/api/assessments/${encodeURIComponent(id)}`;

/** The only code of the UI that talks HTTP; one function per route of the API contract. */
export const api = {
  list: (query: ListAssessmentsQuery): Promise<ListAssessmentsResponse> => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
    return request(`/api/assessments?${params}`);
  },
  create: (body: CreateAssessmentRequest): Promise<CreateAssessmentResponse> =>
    request('/api/assessments', json('POST', body)),
  get: (id: string): Promise<AssessmentResponse> => request(assessmentPath(id)),
  /** Save data made from the version `etag` names; the server merges it with a newer version when nothing conflicts. */
  save: (id: string, etag: string, data: Record<string, unknown>): Promise<SaveAssessmentResponse> =>
    request(assessmentPath(id), json('PUT', { data, merge: true }, { 'If-Match': `"${etag}"` })),
  /**
   * A save of data made from `base`, as one attempt for saveMerging: the server merges it with a version saved
   * meanwhile when nothing conflicts (answered with the merge), else it is refused with the version on disk.
   */
  trySave: async (id: string, base: StoredVersion, data: Record<string, unknown>): Promise<SaveAttempt> => {
    try {
      const saved = await api.save(id, base.etag, data);
      return { saved: true, etag: saved.etag, ...(saved.merged ? { merged: saved.merged } : {}) };
    } catch (error) {
      const current = conflictOf(error);
      if (current?.data) return { saved: false, current: { etag: current.etag, data: current.data } };
      throw error;
    }
  },
  checks: (id: string): Promise<ChecksResponse> => request(`${assessmentPath(id)}/checks`),
  revisions: (id: string): Promise<ListRevisionsResponse> => request(`${assessmentPath(id)}/revisions`),
  /** What committing now would do: base, default 変更日 and the warnings for `changeDate` (server-side rule). */
  commitPlan: (id: string, changeDate?: string): Promise<CommitPlanResponse> =>
    request(`${assessmentPath(id)}/revisions/next${changeDate ? `?changeDate=${encodeURIComponent(changeDate)}` : ''}`),
  revision: (id: string, revision: number): Promise<RevisionResponse> => request(`${assessmentPath(id)}/revisions/${revision}`),
  commit: (id: string, body: CommitRevisionRequest): Promise<CommitRevisionResponse> =>
    request(`${assessmentPath(id)}/revisions`, json('POST', body)),
  diff: (id: string, from: number, to: number | 'draft'): Promise<DiffResponse> =>
    request(`${assessmentPath(id)}/diff?from=${from}&to=${to}`),
  saveRows: (id: string, revision: number, rowsEtag: string, rows: ConfirmedRow[]): Promise<RevisionMeta> =>
    request(`${assessmentPath(id)}/revisions/${revision}/rows`, json('PUT', { rows }, { 'If-Match': `"${rowsEtag}"` })),
  setStatus: (id: string, revision: number, body: SetStatusRequest): Promise<RevisionMeta> =>
    request(`${assessmentPath(id)}/revisions/${revision}/status`, json('PUT', body)),
  /** What a copy on `formRevision` (the source's when omitted) would leave blank, and the migration report. */
  copyPreview: (id: string, formRevision?: string): Promise<CopyPreviewResponse> =>
    request(`${assessmentPath(id)}/copy${formRevision ? `?formRevision=${encodeURIComponent(formRevision)}` : ''}`),
  copy: (id: string, body: CopyRequestBody): Promise<CopyResponse> => request(`${assessmentPath(id)}/copy`, json('POST', body)),
  snippets: (): Promise<SnippetLibraryResponse> => request('/api/snippets'),
  snippetUpdates: (): Promise<SnippetUpdatesResponse> => request('/api/snippets/updates'),
  /** The standard texts the draft records, with their state and newer versions. */
  snippetUses: (id: string): Promise<SnippetUsesResponse> => request(`${assessmentPath(id)}/snippets`),
  updateSnippets: (id: string, etag: string, body: UpdateSnippetsRequest): Promise<UpdateSnippetsResponse> =>
    request(`${assessmentPath(id)}/snippets/update`, json('POST', body, { 'If-Match': `"${etag}"` })),
  /** The 公表版 or 提出版 of the draft or of a revision (a revision's carry the publication stamp). */
  printUrl: (id: string, variant: 'public' | 'submission', options: { revision?: number; download?: boolean } = {}): string => {
    const params = new URLSearchParams();
    if (options.revision !== undefined) params.set('revision', String(options.revision));
    if (options.download) params.set('download', '1');
    const query = params.toString();
    return `${assessmentPath(id)}/print/${variant}${query ? `?${query}` : ''}`;
  },
  /** A reviewer's redline of `to` with the changes since revision `from` marked. */
  redlineUrl: (id: string, from: number, to: number | 'draft'): string =>
    `${assessmentPath(id)}/redline?${new URLSearchParams({ from: String(from), to: String(to), download: '1' }).toString()}`,
  /** The bundle (zip) of a submitted or published revision. */
  bundleUrl: (id: string, revision: number): string => `${assessmentPath(id)}/revisions/${revision}/bundle`,
  pdfUrl: (id: string, options: { revision?: number; download?: boolean } = {}): string => {
    const params = new URLSearchParams();
    if (options.revision !== undefined) params.set('revision', String(options.revision));
    if (options.download) params.set('download', '1');
    const query = params.toString();
    return `${assessmentPath(id)}/pdf${query ? `?${query}` : ''}`;
  },
};

/**
 * Request and response bodies of the team routes (sessions, accounts, comments, audit). Type-only, like
 * ../dto.ts: the UI imports these with `import type`.
 */
import type {
  AssessmentRole,
  AuditEntry,
  AuditProblem,
  CommentThread,
  ItemCommentCount,
  Permission,
  Role,
  User,
} from '../../domain/team.js';

export type { AssessmentRole, AuditEntry, AuditProblem, CommentThread, ItemCommentCount, Permission, Role };

export type SessionUser = { login: string; displayName: string; roles: Role[] };

/**
 * GET /api/session (also the answer to a login). `permissions` hold everywhere unless `assessmentPermissions` names
 * the assessment (a per-assessment role override); the UI offers only what these allow. `csrfToken` goes back in the
 * `X-PIA-CSRF` header of every state-changing request.
 */
export type SessionResponse = {
  mode: 'single-user' | 'login';
  user: SessionUser | null;
  csrfToken: string | null;
  permissions: Permission[];
  assessmentPermissions: Record<string, Permission[]>;
  /** Comments and the audit log need the team database; a server built without one has neither. */
  features: { comments: boolean; audit: boolean; accounts: boolean };
};

/** POST /api/session */
export type LoginRequest = { login: string; password: string };

/** An account as the API shows it (its database id stays inside). */
export type UserResponse = Omit<User, 'id'>;
/** GET /api/users */
export type ListUsersResponse = { items: UserResponse[] };
/** POST /api/users → 201 UserResponse */
export type CreateUserRequest = { login: string; displayName: string; password: string; roles: Role[] };
/** PATCH /api/users/:login → UserResponse; `password` sets a new one (and ends the account's sessions). */
export type UpdateUserRequest = { displayName?: string; roles?: Role[]; disabled?: boolean; password?: string };
/** PUT /api/users/:login/assessments/:id/roles → UserResponse; an empty list removes the override. */
export type SetAssessmentRolesRequest = { roles: AssessmentRole[] };

/** GET /api/assessments/:id/comments?status=open|resolved|all&mine=1&pointer=&revision=draft|n */
export type ListCommentsResponse = { items: CommentThread[] };
/** GET /api/assessments/:id/comments/counts?revision=draft|n: open and all threads per item pointer. */
export type CommentCountsResponse = { revision: number | 'draft'; counts: Record<string, ItemCommentCount> };
/** POST /api/assessments/:id/comments → 201 CommentThread. The item path is taken from the schema, not the client. */
export type CreateCommentRequest = { revision: number | 'draft'; pointer: string; body: string };
/** POST /api/assessments/:id/comments/:commentId/replies → 201 CommentThread */
export type ReplyRequest = { body: string };
/** PUT /api/assessments/:id/comments/:commentId/resolution → CommentThread */
export type ResolutionRequest = { resolved: boolean };

/** GET /api/assessments/:id/audit?format=json and GET /api/audit?format=json (oldest first); format=csv for people. */
export type AuditResponse = { items: AuditEntry[] };
/** GET /api/audit/verification */
export type AuditVerificationResponse = {
  ok: boolean;
  count: number;
  headSeq: number;
  headHash: string;
  problems: AuditProblem[];
};

/** Public API of the team data: accounts, roles, sessions, login throttling, comments and the audit log. */
export type { Db, Queryable, Row, Transaction } from './db/db.js';
export { dataFolderExists, openTeamDb, teamDbDir, type DbLocation } from './db/open.js';
export { migrate, readMigrations, type Migration } from './db/migrate.js';
export { openPglite } from './db/pglite.js';
export { lazyDb } from './db/lazy.js';
export { openPostgres } from './db/postgres.js';
export {
  ASSESSMENT_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_PERMISSIONS,
  effectiveRoles,
  isRole,
  permissionsOf,
  type AssessmentRole,
  type Permission,
  type Role,
} from './roles.js';
export { MIN_PASSWORD_LENGTH, verifyAgainstNothing, verifyPassword } from './passwords.js';
export {
  checkLogin,
  countActiveAdmins,
  createUser,
  credentialsOf,
  findUser,
  listUsers,
  normalizeLogin,
  setAssessmentRoles,
  setPassword,
  updateUser,
  type NewUser,
  type User,
  type UserChange,
} from './users.js';
export {
  DEFAULT_SESSION_LIMITS,
  createSession,
  deleteSession,
  findSession,
  purgeExpiredSessions,
  randomToken,
  type Session,
  type SessionLimits,
} from './sessions.js';
export {
  DEFAULT_THROTTLE,
  clearLoginFailures,
  recordLoginFailure,
  throttleWait,
  type ThrottleLimits,
} from './login-throttle.js';
export {
  countThreadsByItem,
  getThread,
  listThreads,
  openThread,
  replyToThread,
  setThreadResolved,
  type Comment,
  type CommentAnchor,
  type CommentAuthor,
  type CommentThread,
  type ItemCommentCount,
  type ThreadFilter,
} from './comments.js';
export { appendAudit, type DraftSeen } from './audit-append.js';
export {
  canonicalJson,
  listAudit,
  verifyAudit,
  type AuditEntry,
  type AuditEvent,
  type AuditProblem,
  type AuditVerification,
  type JsonValue,
} from './audit.js';
export { auditCsv } from './audit-export.js';
export {
  AUDIT_EVENT_NAMES_JA,
  PERMISSION_NAMES_JA,
  ROLE_NAMES_JA,
  TEAM_MESSAGES_JA,
  type AuditEventName,
} from './messages.ja.js';

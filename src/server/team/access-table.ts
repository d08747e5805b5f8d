/**
 * The authorisation table: every route of the API, by method and fastify route pattern, with the permission it
 * needs and whether that permission is judged for the assessment in the URL (per-assessment role overrides) or
 * globally. A route missing here stops the server at start (see access-control.ts), so no route is ever served
 * unchecked; tests/server/team/access.test.ts calls every registered route without a session and with a role
 * that lacks the permission.
 */
import type { Permission } from '../../team/index.js';

export type AccessRule =
  /** Anyone, without a session: the UI's files, login and the session answer the login page needs. */
  | { readonly access: 'public' }
  /** A signed-in user (or the local user of single-user mode), whatever their roles. */
  | { readonly access: 'signed-in' }
  /** Holding any one of `permissions` (a step of the procedure: 作成者's, or 確認者's 差戻し and 承認). */
  | {
      readonly access: 'permission';
      readonly permissions: readonly Permission[];
      readonly scope: 'global' | 'assessment';
    };

const global = (permission: Permission): AccessRule => ({ access: 'permission', permissions: [permission], scope: 'global' });
const onAssessment = (...permissions: Permission[]): AccessRule => ({
  access: 'permission',
  permissions,
  scope: 'assessment',
});

/**
 * `METHOD /pattern` (fastify's pattern, as registered) → rule. HEAD follows GET. A new route is one line here, and,
 * if it changes anything, one entry in AUDITED_ROUTES (audit-recorder.ts); the server names both when one is missing.
 */
export const ACCESS_TABLE: Readonly<Record<string, AccessRule>> = {
  'GET /*': { access: 'public' },
  'GET /api/session': { access: 'public' },
  'POST /api/session': { access: 'public' },
  'DELETE /api/session': { access: 'signed-in' },

  'GET /api/assessments': global('read'),
  'POST /api/assessments': global('draft.edit'),
  'GET /api/assessments/:id': onAssessment('read'),
  'PUT /api/assessments/:id': onAssessment('draft.edit'),
  'PATCH /api/assessments/:id': onAssessment('draft.edit'),
  'GET /api/assessments/:id/checks': onAssessment('read'),
  'GET /api/assessments/:id/revisions': onAssessment('read'),
  'GET /api/assessments/:id/revisions/next': onAssessment('read'),
  'POST /api/assessments/:id/revisions': onAssessment('revision.commit'),
  'GET /api/assessments/:id/revisions/:n': onAssessment('read'),
  // Always refused (423): a revision's content is never changed.
  'PATCH /api/assessments/:id/revisions/:n': onAssessment('draft.edit'),
  'PUT /api/assessments/:id/revisions/:n/rows': onAssessment('rows.edit'),
  // Which step a person may take is decided by the workflow from these two (stepRolesOf in actor.ts).
  'PUT /api/assessments/:id/revisions/:n/status': onAssessment('revision.status', 'review.decide'),
  'POST /api/assessments/:id/termination': onAssessment('revision.commit'),
  'GET /api/assessments/:id/diff': onAssessment('read'),
  'GET /api/assessments/:id/pdf': onAssessment('read'),
  'GET /api/assessments/:id/print/:variant': onAssessment('read'),
  'GET /api/assessments/:id/redline': onAssessment('read'),
  'GET /api/assessments/:id/revisions/:n/bundle': onAssessment('read'),

  // Reuse (issue 15): 複製 creates an assessment like POST /api/assessments; a move, an insertion and an update of
  // standard texts are draft edits; the shared library takes a new version from 管理者 only.
  'GET /api/assessments/:id/copy': onAssessment('read'),
  'POST /api/assessments/:id/copy': global('draft.edit'),
  'GET /api/assessments/:id/migration': onAssessment('read'),
  'POST /api/assessments/:id/migration': onAssessment('draft.edit'),
  'GET /api/assessments/:id/snippets': onAssessment('read'),
  'POST /api/assessments/:id/snippets': onAssessment('draft.edit'),
  'POST /api/assessments/:id/snippets/update': onAssessment('draft.edit'),
  'GET /api/snippets': global('read'),
  'POST /api/snippets': global('users.manage'),
  'GET /api/snippets/updates': global('read'),

  'GET /api/assessments/:id/comments': onAssessment('read'),
  'GET /api/assessments/:id/comments/counts': onAssessment('read'),
  'POST /api/assessments/:id/comments': onAssessment('comment.write'),
  'POST /api/assessments/:id/comments/:commentId/replies': onAssessment('comment.write'),
  'PUT /api/assessments/:id/comments/:commentId/resolution': onAssessment('comment.write'),

  'GET /api/assessments/:id/audit': onAssessment('audit.read'),
  'GET /api/audit': global('users.manage'),
  'GET /api/audit/verification': global('users.manage'),

  'GET /api/users': global('users.manage'),
  'POST /api/users': global('users.manage'),
  'PATCH /api/users/:login': global('users.manage'),
  'PUT /api/users/:login/assessments/:id/roles': global('users.manage'),
};

export const accessKey = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

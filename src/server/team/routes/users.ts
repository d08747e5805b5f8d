/** Accounts and roles, for 管理者: list, create, change (name, roles, disabled, password), per-assessment roles. */
import type { FastifyPluginAsync } from 'fastify';
import {
  ASSESSMENT_ROLES,
  ROLES,
  createUser,
  listUsers,
  setAssessmentRoles,
  setPassword,
  updateUser,
  type Db,
  type User,
} from '../../../team/index.js';
import { idParams } from '../../routes/schemas.js';
import type { AuditRecorder } from '../audit-recorder.js';
import type {
  CreateUserRequest,
  ListUsersResponse,
  SetAssessmentRolesRequest,
  UpdateUserRequest,
  UserResponse,
} from '../dto.js';

const loginParam = { type: 'string', minLength: 1, maxLength: 64 } as const;
const roleList = { type: 'array', maxItems: 4, items: { type: 'string', enum: [...ROLES] } } as const;

const createSchema = {
  body: {
    type: 'object',
    required: ['login', 'displayName', 'password', 'roles'],
    additionalProperties: false,
    properties: {
      login: { type: 'string', maxLength: 200 },
      displayName: { type: 'string', maxLength: 200 },
      password: { type: 'string', maxLength: 1024 },
      roles: { ...roleList, minItems: 1 },
    },
  },
} as const;

const updateSchema = {
  params: { type: 'object', required: ['login'], properties: { login: loginParam } },
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      displayName: { type: 'string', maxLength: 200 },
      roles: { ...roleList, minItems: 1 },
      disabled: { type: 'boolean' },
      password: { type: 'string', maxLength: 1024 },
    },
  },
} as const;

const assessmentRolesSchema = {
  params: {
    type: 'object',
    required: ['login', 'id'],
    properties: { login: loginParam, id: idParams.properties.id },
  },
  body: {
    type: 'object',
    required: ['roles'],
    additionalProperties: false,
    properties: { roles: { type: 'array', maxItems: 3, items: { type: 'string', enum: [...ASSESSMENT_ROLES] } } },
  },
} as const;

const toResponse = ({ id: _id, ...user }: User): UserResponse => user;

export const userRoutes: FastifyPluginAsync<{ db: Db; audit: AuditRecorder; now: () => Date }> = async (
  app,
  { db, audit, now },
) => {
  const record = (
    request: Parameters<AuditRecorder['record']>[0],
    event: 'user.create' | 'user.update' | 'user.password' | 'user.disable' | 'role.change',
    detail: Record<string, string | boolean | string[]>,
    assessmentId: string | null = null,
  ) => audit.record(request, { event, assessmentId, revision: null, hashBefore: null, hashAfter: null, detail });

  app.get<{ Reply: ListUsersResponse }>('/api/users', async () => ({ items: (await listUsers(db)).map(toResponse) }));

  app.post<{ Body: CreateUserRequest; Reply: UserResponse }>(
    '/api/users',
    { schema: createSchema },
    async (request, reply) => {
      const user = await createUser(db, request.body, now());
      await record(request, 'user.create', { login: user.login, roles: user.roles });
      return reply.code(201).send(toResponse(user));
    },
  );

  app.patch<{ Params: { login: string }; Body: UpdateUserRequest; Reply: UserResponse }>(
    '/api/users/:login',
    { schema: updateSchema },
    async (request) => {
      const { login } = request.params;
      const { password, ...change } = request.body;
      if (password !== undefined) {
        const user = await setPassword(db, login, password, now());
        await record(request, 'user.password', { login: user.login });
      }
      const user = await updateUser(db, login, change, now());
      if (change.roles !== undefined) await record(request, 'role.change', { login: user.login, roles: user.roles });
      if (change.disabled !== undefined)
        await record(request, change.disabled ? 'user.disable' : 'user.update', {
          login: user.login,
          disabled: change.disabled,
        });
      if (change.displayName !== undefined)
        await record(request, 'user.update', { login: user.login, displayName: user.displayName });
      return toResponse(user);
    },
  );

  app.put<{ Params: { login: string; id: string }; Body: SetAssessmentRolesRequest; Reply: UserResponse }>(
    '/api/users/:login/assessments/:id/roles',
    { schema: assessmentRolesSchema },
    async (request) => {
      const user = await setAssessmentRoles(db, request.params.login, request.params.id, request.body.roles);
      await record(
        request,
        'role.change',
        { login: user.login, roles: user.overrides[request.params.id] ?? [] },
        request.params.id,
      );
      return toResponse(user);
    },
  );
};

/**
 * Who a request acts as, for what the record keeps: with login, the signed-in account (its name and login, whatever
 * the body says, so nobody signs as someone else); in single-user mode, the name the person typed.
 */
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../team/index.js';
import type { StepRole } from '../../domain/steps.js';
import { actorMay } from './access-control.js';

export type RecordedPerson = { readonly name: string | undefined; readonly account?: string };

export const recordedPerson = (request: FastifyRequest, typed: string | undefined): RecordedPerson => {
  const { actor } = request;
  return actor.kind === 'user' ? { name: actor.user.displayName, account: actor.user.login } : { name: typed };
};

/** The permission that lets a person take the steps of a role (作成者: the procedure; 確認者: 差戻し and 承認). */
export const STEP_ROLE_PERMISSIONS: Record<StepRole, Permission> = { author: 'revision.status', reviewer: 'review.decide' };

/** The step roles the person holds for one assessment; undefined in single-user mode (the one user takes every step). */
export const stepRolesOf = (request: FastifyRequest, assessmentId: string): StepRole[] | undefined => {
  const { actor } = request;
  if (actor.kind === 'local') return undefined;
  return (Object.keys(STEP_ROLE_PERMISSIONS) as StepRole[]).filter((role) => actorMay(actor, STEP_ROLE_PERMISSIONS[role], assessmentId));
};

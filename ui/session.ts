/**
 * Who is using the editor and what they may do, from GET /api/session (loaded once by <pia-app> before any page).
 * Controls a person may not use are not offered; the server refuses them anyway (403) whatever the page shows.
 */
import type { OfferedStep, Permission, SessionResponse, StepRole } from '../src/server/dto.js';
import { api, rememberCsrfToken } from './api/client.js';

let current: SessionResponse | undefined;

export const loadSession = async (): Promise<SessionResponse> => {
  current = await api.session();
  rememberCsrfToken(current.csrfToken);
  return current;
};

export const currentSession = (): SessionResponse | undefined => current;

/** Login mode: the record names the signed-in person, so the pages ask for no name. */
export const signedIn = (): boolean => current?.mode === 'login' && current.user !== null;

/** Whether the person holds `permission` (for one assessment: its override if any); single-user mode may do all. */
export const may = (permission: Permission, assessmentId?: string): boolean => {
  if (!current || current.mode === 'single-user') return true;
  const override = assessmentId === undefined ? undefined : current.assessmentPermissions[assessmentId];
  return (override ?? current.permissions).includes(permission);
};

const STEP_PERMISSIONS: Record<StepRole, Permission> = { author: 'revision.status', reviewer: 'review.decide' };

/** A step the person may take: their role allows it, and it is not the 承認 of their own work. */
export const mayTake = (step: OfferedStep, assessmentId: string): boolean => {
  if (!may(STEP_PERMISSIONS[step.role], assessmentId)) return false;
  const login = current?.user?.login;
  return login === undefined || !step.notBy.some((person) => person.account === login);
};

let draftLocked = false;

/** Set by the editor for the assessment it shows: its fields are read-only for people who may not edit it. */
export const lockDraft = (locked: boolean): void => {
  draftLocked = locked;
};

export const draftIsLocked = (): boolean => draftLocked;

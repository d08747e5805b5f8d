import type { AssessmentResponse } from '../../src/server/dto.js';
import { api, assessmentPath } from './client.js';
import { takeEarly } from './early.js';

let early: { id: string; response: Promise<AssessmentResponse> } | undefined;

/**
 * Start reading the draft a page opened on the editor will show, at the same time as the session: the editor
 * then waits for one round trip, not two.
 */
export const prefetchAssessment = (id: string): void => {
  const response = takeEarly(assessmentPath(id), () => api.get(id));
  response.catch(() => undefined); // a failure is reported by the editor's own request
  early = { id, response };
};

/** The draft, from the request started at page load if it is this one and still unused, else a new request. */
export const fetchAssessment = (id: string): Promise<AssessmentResponse> => {
  const taken = early;
  early = undefined;
  return taken?.id === id ? taken.response.catch(() => api.get(id)) : api.get(id);
};

/**
 * What the first page waits for, asked for as soon as this small module arrives — index.html loads it on its own
 * (async), ahead of the bundle, which imports it too (the same module) to take the answers: the session, and the
 * draft when the page opened on an editor's address. The first page then waits for one round trip that overlapped
 * the bundle's download and start instead of one after it. Each answer is handed out once; a path not asked for
 * here (or whose request failed) is requested as usual.
 */
import { routeOf } from '../router.js';
import type { AssessmentResponse } from '../../src/server/dto.js';
import { answerOf, api, assessmentPath } from './client.js';

const early = new Map<string, Promise<Response>>();
const ask = (path: string): void => {
  const response = fetch(path, { headers: { Accept: 'application/json' } });
  response.catch(() => undefined); // a failure is reported by the request made instead
  early.set(path, response);
};

ask('/api/session');
const route = routeOf(location.pathname);
if (route.page === 'editor') ask(assessmentPath(route.id));

export const takeEarly = <T>(path: string, request: () => Promise<T>): Promise<T> => {
  const response = early.get(path);
  early.delete(path);
  return response ? response.then((answer) => answerOf<T>(answer)).catch(request) : request();
};

/** The draft the editor shows: the answer asked for at page load if it is this one and still unused, else a new request. */
export const fetchAssessment = (id: string): Promise<AssessmentResponse> => takeEarly(assessmentPath(id), () => api.get(id));

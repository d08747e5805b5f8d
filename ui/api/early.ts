/**
 * What the first page waits for, asked for as soon as this small module arrives — index.html loads it on its own
 * (async), ahead of the bundle, which imports it too (the same module) to take the answers: the session, and the
 * draft when the page opened on an editor's address. The first page then waits for one round trip that overlapped
 * the bundle's download and start instead of one after it. It imports only the router and a path, so that it runs
 * (and asks) the moment it arrives: with the API client it took the schemas, the merge and the messages along, and
 * their evaluation held the requests back by 150 ms (ui/api/take-early.ts reads the answers).
 */
import { routeOf } from '../router.js';
import { assessmentPath } from './paths.js';

const early = new Map<string, Promise<Response>>();
const ask = (path: string): void => {
  const response = fetch(path, { headers: { Accept: 'application/json' } });
  response.catch(() => undefined); // a failure is reported by the request made instead
  early.set(path, response);
};

ask('/api/session');
const route = routeOf(location.pathname);
if (route.page === 'editor') ask(assessmentPath(route.id));

/** The answer asked for at page load for `path`, once; undefined when it was not asked for or was taken. */
export const earlyResponse = (path: string): Promise<Response> | undefined => {
  const response = early.get(path);
  early.delete(path);
  return response;
};

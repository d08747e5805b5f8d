/**
 * Answers that index.html's inline script asked for while the bundle was still on its way (the session, and the
 * draft when the page opened on an editor's address), so the first page waits for one round trip that overlapped
 * the bundle's download and start instead of one after it. Each is handed out once; a path it did not ask for
 * (or one whose request failed) is requested as usual.
 */
import { answerOf } from './client.js';

const early: Record<string, Promise<Response> | undefined> =
  (window as { piaEarly?: Record<string, Promise<Response> | undefined> }).piaEarly ?? {};

export const takeEarly = <T>(path: string, ask: () => Promise<T>): Promise<T> => {
  const response = early[path];
  delete early[path];
  return response ? response.then((answer) => answerOf<T>(answer)).catch(ask) : ask();
};

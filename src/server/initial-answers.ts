/**
 * The page a browser opens carries the API answers its first screen waits for: the session, and on an editor's
 * address the draft. Asked for by the page's script, they were a round trip that could start only once the bundle
 * had arrived and run; written into the page, they arrive with it, and the first screen is drawn as soon as the
 * bundle has run. Each answer is the API's own: the route is called (inject) with the browser's request headers,
 * so the same authentication, authorisation, audit record and body apply; only 200 answers are written in, and
 * the page asks the API itself for anything else, which answers it as before (ui/api/early.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PAGE_ANSWERS_ELEMENT_ID, SESSION_API_PATH, assessmentApiPath } from '../domain/page-answers.js';
import { routeOf } from '../domain/page-routes.js';

/** The API paths answered into the page at `pagePath`: the session always, the draft on an editor's address. */
export const initialApiPaths = (pagePath: string): string[] => {
  let editorOf: string | undefined;
  try {
    const route = routeOf(pagePath);
    editorOf = route.page === 'editor' ? route.id : undefined;
  } catch {
    editorOf = undefined; // a malformed escape: no draft is written in, and the page reports the address as the API does
  }
  return [SESSION_API_PATH, ...(editorOf === undefined ? [] : [assessmentApiPath(editorOf)])];
};

/** Headers of the page's request that are not the API request's own: how the page's body is sent, and caching. */
const NOT_FORWARDED = new Set(['accept', 'accept-encoding', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'if-none-match', 'if-modified-since', 'range']);

const apiAnswer = async (app: FastifyInstance, request: FastifyRequest, path: string): Promise<string | undefined> => {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
  const answer = await app.inject({ method: 'GET', url: path, headers: { ...headers, accept: 'application/json' }, remoteAddress: request.ip });
  const json = answer.statusCode === 200 && String(answer.headers['content-type'] ?? '').startsWith('application/json');
  return json ? answer.body : undefined;
};

/**
 * JSON inside a script element ends at the first `</script`, and `<!--` changes how the HTML parser reads up to
 * it: every `<` (and `>`, `&`, and the two line separators older parsers took as line ends) is written as a \u
 * escape, which inside a JSON string means the same character, and which cannot occur outside one.
 */
export const scriptSafeJson = (json: string): string =>
  json.replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The answers as one JSON object by API path, ready for the page's script element (undefined: none to write in). */
export const initialAnswers = async (app: FastifyInstance, request: FastifyRequest): Promise<string | undefined> => {
  const paths = initialApiPaths(request.url.split('?')[0]!);
  const bodies = await Promise.all(paths.map((path) => apiAnswer(app, request, path)));
  const entries = paths.flatMap((path, index) => (bodies[index] === undefined ? [] : [`${JSON.stringify(path)}:${bodies[index]}`]));
  return entries.length === 0 ? undefined : scriptSafeJson(`{${entries.join(',')}}`);
};

/** index.html with the answers in a JSON script element (never run as script, so the CSP allows it as it is). */
export const withInitialAnswers = (page: string, answers: string | undefined): string => {
  if (answers === undefined) return page;
  const element = `<script type="application/json" id="${PAGE_ANSWERS_ELEMENT_ID}">${answers}</script>`;
  const end = page.lastIndexOf('</body>');
  return end < 0 ? page + element : page.slice(0, end) + element + page.slice(end);
};

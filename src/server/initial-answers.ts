/**
 * The page a browser opens carries the API answers its first screen waits for (initialApiPaths says which). Asked
 * for by the page's script, they were a round trip that could start only once the bundle had arrived and run;
 * written into the page, they arrive with it, and the first screen is drawn as soon as the bundle has run. Each
 * answer is the API's own: the route is called (inject) with the browser's request headers, so the same
 * authentication, authorisation, audit record and body apply; only 200 answers are written in. The UI's API client
 * hands out a written answer for the first GET of its path (ui/api/early.ts) and asks the API for anything else.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PAGE_ANSWERS_ELEMENT_ID, SESSION_API_PATH, assessmentApiPath, revisionsApiPath, snippetUsesApiPath } from '../domain/page-answers.js';
import { routeOf } from '../domain/page-routes.js';

/**
 * The API paths answered into the page at `pagePath`: the session always; on an editor's address the draft, and
 * what its first screen shows above the form (the notice of newer standard texts, the bar of revisions), which,
 * asked for once the bundle had run, arrived after the first screen and pushed the form down under the person's
 * first click.
 */
export const initialApiPaths = (pagePath: string): string[] => {
  let editorOf: string | undefined;
  try {
    const route = routeOf(pagePath);
    editorOf = route.page === 'editor' ? route.id : undefined;
  } catch {
    editorOf = undefined; // a malformed escape: no draft is written in, and the page reports the address as the API does
  }
  return [
    SESSION_API_PATH,
    ...(editorOf === undefined ? [] : [assessmentApiPath(editorOf), snippetUsesApiPath(editorOf), revisionsApiPath(editorOf)]),
  ];
};

/** Headers of the page's request that are not the API request's own: how the page's body is sent, and caching. */
const NOT_FORWARDED = new Set(['accept', 'accept-encoding', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'if-none-match', 'if-modified-since', 'range']);

/**
 * The API's answer as the bytes it sent. Taken as a stream: the inject's default answer is also decoded to a string,
 * which the page then had to escape and encode again (some 8 ms of the server's thread for the editor of 001).
 */
const apiAnswer = async (app: FastifyInstance, request: FastifyRequest, path: string): Promise<Buffer | undefined> => {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
  const answer = await app.inject({ method: 'GET', url: path, headers: { ...headers, accept: 'application/json' }, remoteAddress: request.ip, payloadAsStream: true });
  const chunks: Buffer[] = [];
  for await (const chunk of answer.stream()) chunks.push(chunk as Buffer);
  const json = answer.statusCode === 200 && String(answer.headers['content-type'] ?? '').startsWith('application/json');
  return json ? Buffer.concat(chunks) : undefined;
};

/**
 * JSON inside a script element ends at the first `</script`, and `<!--` changes how the HTML parser reads up to
 * it: every `<` (and `>`, `&`, and the two line separators older parsers took as line ends) is written as a \u
 * escape, which inside a JSON string means the same character, and which cannot occur outside one. On UTF-8
 * bytes: none of these bytes occurs inside another character's encoding, and a JSON text without them (the usual
 * case) is passed on as it is.
 */
const ESCAPES: readonly (readonly [Buffer, Buffer])[] = ['<', '>', '&', '\u2028', '\u2029'].map((character) => [
  Buffer.from(character, 'utf8'),
  Buffer.from(`\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`, 'latin1'),
]);

export const scriptSafeJson = (json: Buffer): Buffer => {
  const next = ESCAPES.map(([raw]) => json.indexOf(raw));
  const pieces: Buffer[] = [];
  let from = 0;
  for (;;) {
    let which = -1;
    for (let index = 0; index < next.length; index += 1) {
      if (next[index]! >= 0 && (which < 0 || next[index]! < next[which]!)) which = index;
    }
    if (which < 0) break;
    const [raw, escaped] = ESCAPES[which]!;
    const at = next[which]!;
    pieces.push(json.subarray(from, at), escaped);
    from = at + raw.length;
    next[which] = json.indexOf(raw, from);
  }
  if (pieces.length === 0) return json;
  pieces.push(json.subarray(from));
  return Buffer.concat(pieces);
};

/** The answers as one JSON object by API path, ready for the page's script element (undefined: none to write in). */
export const initialAnswers = async (app: FastifyInstance, request: FastifyRequest): Promise<Buffer | undefined> => {
  const paths = initialApiPaths(request.url.split('?')[0]!);
  const bodies = await Promise.all(paths.map((path) => apiAnswer(app, request, path)));
  const pieces: Buffer[] = [];
  paths.forEach((path, index) => {
    const body = bodies[index];
    if (body !== undefined) pieces.push(Buffer.from(`${pieces.length === 0 ? '{' : ','}${JSON.stringify(path)}:`, 'utf8'), body);
  });
  if (pieces.length === 0) return undefined;
  pieces.push(Buffer.from('}'));
  return scriptSafeJson(Buffer.concat(pieces));
};

/** index.html with the answers in a JSON script element (never run as script, so the CSP allows it as it is). */
export const withInitialAnswers = (page: string, answers: Buffer | undefined): Buffer => {
  if (answers === undefined) return Buffer.from(page, 'utf8');
  const end = page.lastIndexOf('</body>');
  const [before, after] = end < 0 ? [page, ''] : [page.slice(0, end), page.slice(end)];
  return Buffer.concat([
    Buffer.from(`${before}<script type="application/json" id="${PAGE_ANSWERS_ELEMENT_ID}">`, 'utf8'),
    answers,
    Buffer.from(`</script>${after}`, 'utf8'),
  ]);
};

/**
 * The contract between the server that writes API answers into a page (src/server/initial-answers.ts) and the
 * browser bundle that takes them (ui/api/early.ts, ui/api/client.ts): the id of the page's JSON script element,
 * and the API paths the answers are filed under, spelled as the UI's client asks for them. In src/domain because
 * that is where both the server and the bundle may load code from (tests/architecture.test.ts).
 */

/** The id of the page's `<script type="application/json">` element holding the answers. */
export const PAGE_ANSWERS_ELEMENT_ID = 'pia-initial-answers';

export const SESSION_API_PATH = '/api/session';

/** An assessment's API path; the id is escaped, so no id can name another path. */
export const assessmentApiPath = (id: string): string => `/api/assessments/${encodeURIComponent(id)}`;

/** The standard texts a draft records, with newer versions (the editor's notice above the form). */
export const snippetUsesApiPath = (id: string): string => `${assessmentApiPath(id)}/snippets`;

/** An assessment's revisions (the editor's bar for comparing with one). */
export const revisionsApiPath = (id: string): string => `${assessmentApiPath(id)}/revisions`;

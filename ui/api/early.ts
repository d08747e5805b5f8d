/**
 * The API answers the server wrote into the page (src/server/initial-answers.ts decides which: the session, and on
 * an editor's address the draft and what its first screen shows above the form). The API client (client.ts) hands
 * out such an answer for the first GET of its path, so the first screen is drawn as soon as the bundle has run,
 * with no round trip after it; each answer is handed out once (a later read asks the API), and a path the page
 * does not carry is requested as usual.
 */
import { PAGE_ANSWERS_ELEMENT_ID } from '../../src/domain/page-answers.js';

let answers: Map<string, unknown> | undefined;

const initialAnswers = (): Map<string, unknown> => {
  if (answers) return answers;
  const text = document.getElementById(PAGE_ANSWERS_ELEMENT_ID)?.textContent;
  try {
    answers = new Map(Object.entries(text ? (JSON.parse(text) as Record<string, unknown>) : {}));
  } catch {
    answers = new Map(); // a page that was cut short: everything is asked for
  }
  return answers;
};

/** The page's answer for `path`, once (`found` false: the page carries none, or handed it out already). */
export const takeWrittenAnswer = (path: string): { readonly found: boolean; readonly answer?: unknown } => {
  const written = initialAnswers();
  if (!written.has(path)) return { found: false };
  const answer = written.get(path);
  written.delete(path);
  return { found: true, answer };
};

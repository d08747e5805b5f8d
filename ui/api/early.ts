/**
 * The API answers the first page waits for, written into the page by the server (src/server/initial-answers.ts):
 * the session, and when the page opened on an editor's address the draft, its standard texts' states and its
 * revisions. The first screen is drawn as soon as the bundle has run, with no round trip after it. Each answer is
 * handed out once (a later load asks the API); a path the page does not carry is requested as usual.
 */
import type { AssessmentResponse, ListRevisionsResponse, SnippetUsesResponse } from '../../src/server/dto.js';
import { PAGE_ANSWERS_ELEMENT_ID, assessmentApiPath, revisionsApiPath, snippetUsesApiPath } from '../../src/domain/page-answers.js';
import { api } from './client.js';

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

export const takeEarly = <T>(path: string, request: () => Promise<T>): Promise<T> => {
  const written = initialAnswers();
  if (!written.has(path)) return request();
  const answer = written.get(path) as T;
  written.delete(path);
  return Promise.resolve(answer);
};

/** The draft the editor shows: the answer the page carried if it is this one and still unused, else a new request. */
export const fetchAssessment = (id: string): Promise<AssessmentResponse> => takeEarly(assessmentApiPath(id), () => api.get(id));

/** The draft's standard texts with their states: the page's answer if this draft's and still unused, else a request. */
export const fetchSnippetUses = (id: string): Promise<SnippetUsesResponse> => takeEarly(snippetUsesApiPath(id), () => api.snippetUses(id));

/** The assessment's revisions: the page's answer if this assessment's and still unused, else a request. */
export const fetchRevisions = (id: string): Promise<ListRevisionsResponse> => takeEarly(revisionsApiPath(id), () => api.revisions(id));

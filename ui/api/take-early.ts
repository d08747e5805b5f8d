/** The answers ui/api/early.ts asked for at page load, read like any answer of the API client. */
import type { AssessmentResponse } from '../../src/server/dto.js';
import { answerOf, api } from './client.js';
import { earlyResponse } from './early.js';
import { assessmentPath } from './paths.js';

/** Each answer is handed out once; a path not asked for early (or whose request failed) is requested as usual. */
export const takeEarly = <T>(path: string, request: () => Promise<T>): Promise<T> => {
  const response = earlyResponse(path);
  return response ? response.then((answer) => answerOf<T>(answer)).catch(request) : request();
};

/** The draft the editor shows: the answer asked for at page load if it is this one and still unused, else a new request. */
export const fetchAssessment = (id: string): Promise<AssessmentResponse> => takeEarly(assessmentPath(id), () => api.get(id));

/**
 * The browser's validator, off the main thread: the same schema and ajv as the server (src/schema), so the
 * editor's live issues are the server's issues. Compiling the schema and validating 001 take long enough to
 * delay a keystroke's frame; here they never do.
 */
import { validateAssessment } from '../../src/schema/validate.js';
import type { ValidationRequest, ValidationResult } from './messages.js';

// A dedicated worker's global scope, typed by what it is used for (ui/ compiles with the DOM library).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ValidationRequest>) => void) | null;
  postMessage: (message: ValidationResult) => void;
};

scope.onmessage = ({ data: { id, data } }) => {
  try {
    scope.postMessage({ id, issues: validateAssessment(data).issues });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

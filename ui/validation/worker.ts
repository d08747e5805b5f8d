/**
 * The browser's validator, off the main thread: the same schema and ajv as the server (src/schema), so the
 * editor's live issues are the server's issues. Compiling the schema and validating 001 take long enough to
 * delay a keystroke's frame; here they never do.
 */
import { validateAssessment } from '../../src/schema/validate.js';
import { withValueAt } from '../form/pointer.js';
import type { ValidationRequest, ValidationResult } from './messages.js';

// A dedicated worker's global scope, typed by what it is used for (ui/ compiles with the DOM library).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ValidationRequest>) => void) | null;
  postMessage: (message: ValidationResult) => void;
};

/** The draft as the page last described it: sent whole once, then kept up to date by the fields edited. */
let held: unknown;

scope.onmessage = ({ data: request }) => {
  try {
    held = 'data' in request ? request.data : request.edits.reduce((data, edit) => withValueAt(data, edit.pointer, edit.value), held);
    scope.postMessage({ id: request.id, issues: validateAssessment(held).issues });
  } catch (error) {
    scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};

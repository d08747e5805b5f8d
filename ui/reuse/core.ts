/**
 * The reuse UI as one chunk of its own: the dialogs of 複製, 様式の版の移行 and 標準文の挿入, the 標準文の更新 page and
 * the pure cores they run in the browser (src/reuse, src/snippets). Importing it defines the elements.
 */
import '../components/pia-copy-dialog/pia-copy-dialog.js';
import '../components/pia-migrate-dialog/pia-migrate-dialog.js';
import '../components/pia-migration-report/pia-migration-report.js';
import '../components/pia-snippet-picker/pia-snippet-picker.js';
import '../components/pia-snippet-updates/pia-snippet-updates.js';

export { migrate } from '../../src/reuse/index.js';
export { SNIPPET_MESSAGES_JA, insertSnippet, itemPathIn } from '../../src/snippets/index.js';

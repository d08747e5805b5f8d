/** Public API of reuse: pure functions that start a draft from an existing assessment and move it between form revisions. */
export { migrate, type MigrationEntry, type MigrationNote, type MigrationReport, type MigrationResult } from './migrate.js';
export { newFromAssessment, type ClearedItem, type NewFromResult } from './new-from.js';
export { describeMigrationEntry, describeReport, type DescribedEntry, type MigrationView } from './describe.js';

import type { AssessmentStore } from '../store/index.js';
import type { Clock } from './clock.js';

/** What a use case works on: one assessment's store and the clock. */
export type Workflow = { readonly store: AssessmentStore; readonly clock: Clock };

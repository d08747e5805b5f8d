/** Public API of the assessment checks: pure functions of an assessment (the UI and the revision store import it). */
export { RULES, blockingFindings, checkAssessment, unacknowledgedWarnings } from './check.js';
export { ACKNOWLEDGEMENTS_POINTER, acknowledgementsOf, covers, isAcknowledgement } from './acknowledgements.js';
export { judgeThreshold, LEVELS, type Level, type ThresholdInput, type ThresholdJudgement } from './threshold.js';
export { thresholdInputOf } from './context.js';
export { parseCountRange, type CountRange } from './ranges.js';
export {
  BODY_TYPES,
  MIN_COMMENT_DAYS,
  TERMINATION_LABELS,
  TERMINATION_SUFFIX,
  keepPublishedUntil,
  terminationSuffix,
} from './procedure-terms.js';
export {
  SEVERITIES,
  type Acknowledgement,
  type CheckOptions,
  type Finding,
  type RuleId,
  type RuleInfo,
  type Severity,
} from './types.js';

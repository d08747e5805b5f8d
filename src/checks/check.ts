import { formRoot, keyword, splitPointer, type FormId } from '../schema/index.js';
import { createContext, type CheckContext, type CheckRule } from './context.js';
import { CROSS_FIELD_RULES } from './rules/cross-field.js';
import { DATE_RULES } from './rules/dates.js';
import { LIFECYCLE_RULES } from './rules/lifecycle.js';
import { PROCEDURE_RULES } from './rules/procedures.js';
import { REQUIRED_RULES } from './rules/required.js';
import { RULE_DESCRIPTIONS_JA } from './messages.ja.js';
import { THRESHOLD_RULES } from './rules/threshold.js';
import type { Acknowledgement, CheckOptions, Finding, Hit, RuleInfo } from './types.js';

const ALL_RULES: readonly CheckRule[] = [
  ...THRESHOLD_RULES,
  ...PROCEDURE_RULES,
  ...DATE_RULES,
  ...CROSS_FIELD_RULES,
  ...REQUIRED_RULES,
  ...LIFECYCLE_RULES,
];

/** Every rule: id, severity and a Japanese description citing the rules.md section it encodes. */
export const RULES: readonly RuleInfo[] = ALL_RULES.map(({ id, severity }) => ({
  id,
  severity,
  description: RULE_DESCRIPTIONS_JA[id],
}));

const ackFor = (
  finding: Omit<Finding, 'acknowledged'>,
  acknowledgements: readonly Acknowledgement[],
): Acknowledgement | undefined =>
  finding.severity === 'WARN'
    ? acknowledgements.find(
        (ack) =>
          ack.ruleId === finding.ruleId &&
          ack.reason.trim() !== '' &&
          (ack.pointer === undefined || finding.pointers.includes(ack.pointer)),
      )
    : undefined;

const toFinding = (context: CheckContext, rule: CheckRule, hit: Hit): Finding => {
  const paths = hit.pointers.map((pointer) => context.path(pointer));
  const finding = {
    ruleId: rule.id,
    severity: rule.severity,
    section: paths[0]?.[0] ?? '',
    pointers: hit.pointers,
    paths: paths.map((path) => path.join(' > ')),
    message: hit.message,
  };
  const ack = ackFor(finding, context.options.acknowledgements ?? []);
  return ack ? { ...finding, acknowledged: { reason: ack.reason } } : finding;
};

/**
 * Where a pointer's section stands in the printed order (the schema's x-toc): the cover and untabled parts first,
 * then Ⅰ, Ⅱ of every file, the annexes, Ⅲ of every file …, so findings read in the order of the document.
 */
const sectionRank = (form: FormId, pointer: string | undefined): number => {
  const toc = keyword<string[]>(formRoot(form), 'x-toc') ?? [];
  const [top = '', file = '', part = ''] = splitPointer(pointer ?? '');
  const tocIndex = toc.indexOf(top === 'files' ? `/files/${part}` : `/${top}`);
  return tocIndex < 0 ? -1 : tocIndex * 1000 + (top === 'files' ? Number(file) : 0);
};

/**
 * Run every consistency rule over one assessment (pure: `today` comes in, the clock is never read). Works on
 * drafts too: missing or mistyped items are simply not matched, schema problems are validateAssessment's job.
 */
export const checkAssessment = (form: FormId, data: unknown, options: CheckOptions): Finding[] => {
  const context = createContext(form, data, options);
  const findings = ALL_RULES.flatMap((rule) => rule.check(context).map((hit) => toFinding(context, rule, hit)));
  // Stable sort: within a section the rules keep their order.
  return findings
    .map((finding) => ({ finding, rank: sectionRank(form, finding.pointers[0]) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ finding }) => finding);
};

/**
 * What stops a revision from being marked 提出済み / 公表済み: every ERROR. WARNs are the officer's call (acknowledged
 * with a reason); loading and saving drafts is never blocked.
 */
export const blockingFindings = (findings: readonly Finding[]): Finding[] =>
  findings.filter((finding) => finding.severity === 'ERROR');

/** WARNs nobody has acknowledged yet: what the UI asks the officer to confirm or fix before publication. */
export const unacknowledgedWarnings = (findings: readonly Finding[]): Finding[] =>
  findings.filter((finding) => finding.severity === 'WARN' && !finding.acknowledged);

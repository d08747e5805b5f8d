import { boundLists, formRoot, keyword, splitPointer, type FormId } from '../schema/index.js';
import { createContext, type CheckContext, type CheckRule } from './context.js';
import { CROSS_FIELD_RULES } from './rules/cross-field.js';
import { DATE_RULES } from './rules/dates.js';
import { LIFECYCLE_RULES } from './rules/lifecycle.js';
import { PROCEDURE_RULES } from './rules/procedures.js';
import { REQUIRED_RULES } from './rules/required.js';
import { REFERENCE_RULES } from './rules/references.js';
import { RULE_DESCRIPTIONS_JA, RULE_MESSAGES_JA } from './messages.ja.js';
import { THRESHOLD_RULES } from './rules/threshold.js';
import { WITHHELD_RULES } from './rules/withheld.js';
import { ACKNOWLEDGEMENTS_POINTER, acknowledgementsOf, covers, isAcknowledgement } from './acknowledgements.js';
import { saysNothing } from '../domain/blank.js';
import { fillMessage } from '../messages.ja.js';
import type { Acknowledgement, CheckOptions, Finding, Hit, RuleInfo } from './types.js';

const ALL_RULES: readonly CheckRule[] = [
  ...THRESHOLD_RULES,
  ...PROCEDURE_RULES,
  ...DATE_RULES,
  ...CROSS_FIELD_RULES,
  ...REQUIRED_RULES,
  ...LIFECYCLE_RULES,
  ...REFERENCE_RULES,
  ...WITHHELD_RULES,
];

/** Not a rule over the form: the hint that a stored acknowledgement no longer acknowledges anything. */
const STALE_ACKNOWLEDGEMENT = { id: 'acknowledgement.stale', severity: 'INFO' } as const;

/** Every rule: id, severity and a Japanese description citing the rules.md section it encodes. */
export const RULES: readonly RuleInfo[] = [...ALL_RULES, STALE_ACKNOWLEDGEMENT].map(({ id, severity }) => ({
  id,
  severity,
  description: RULE_DESCRIPTIONS_JA[id],
}));

const SEVERITY_OF = new Map<string, RuleInfo['severity']>(RULES.map((rule) => [rule.id, rule.severity]));

const toFinding = (
  context: CheckContext,
  rule: Pick<RuleInfo, 'id' | 'severity'>,
  hit: Hit,
  acknowledgements: readonly Acknowledgement[],
): Finding => {
  const paths = hit.pointers.map((pointer) => context.path(pointer));
  const finding = {
    ruleId: rule.id,
    severity: rule.severity,
    section: paths[0]?.[0] ?? '',
    pointers: hit.pointers,
    paths: paths.map((path) => path.join(' > ')),
    message: hit.message,
  };
  const ack = acknowledgements.find((candidate) => covers(candidate, finding));
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
  // A list far longer than the form allows is reported by validation; the rules look at its first entries only,
  // so 20,000 faulty entries cost what the form's largest list does (and give as many findings at most).
  const bounded = boundLists(data, formRoot(form));
  const context = createContext(form, bounded, options);
  // The caller's list wins (what-if checks); otherwise the acknowledgements kept in the document itself.
  const acknowledgements = options.acknowledgements ?? acknowledgementsOf(bounded);
  const findings = ALL_RULES.flatMap((rule) =>
    rule.check(context).map((hit) => toFinding(context, rule, hit, acknowledgements)),
  );
  // Stable sort: within a section the rules keep their order.
  const sorted = findings
    .map((finding) => ({ finding, rank: sectionRank(form, finding.pointers[0]) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ finding }) => finding);
  // Only the document's own entries have a place to point the hint at.
  if (options.acknowledgements !== undefined) return sorted;
  const stale = staleAcknowledgementHits(bounded, findings).map((hit) => toFinding(context, STALE_ACKNOWLEDGEMENT, hit, []));
  return [...sorted, ...stale];
};

const ruleLabel = (ruleId: string): string =>
  ruleId in RULE_DESCRIPTIONS_JA ? `${ruleId}: ${RULE_DESCRIPTIONS_JA[ruleId as keyof typeof RULE_DESCRIPTIONS_JA]}` : ruleId;

/**
 * The document's acknowledgements that cover no finding (the WARN was fixed, the rule is no WARN, the reason is
 * blank): hinted so they can be removed before they are frozen with the next revision. Entries are matched as read,
 * so the hint points at the entry's own index.
 */
const staleAcknowledgementHits = (data: unknown, findings: readonly Finding[]): Hit[] => {
  const list = (data as { acknowledgements?: unknown } | null)?.acknowledgements;
  if (!Array.isArray(list)) return [];
  return list.flatMap((ack: unknown, index) => {
    if (!isAcknowledgement(ack) || findings.some((finding) => covers(ack, finding))) return [];
    const severity = SEVERITY_OF.get(ack.ruleId);
    const key =
      saysNothing(ack.reason)
        ? 'acknowledgementNoReason'
        : severity !== 'WARN'
          ? 'acknowledgementNotWarn'
          : 'acknowledgementStale';
    const message = fillMessage(RULE_MESSAGES_JA[key], { rule: ruleLabel(ack.ruleId), reason: ack.reason });
    return [{ pointers: [`${ACKNOWLEDGEMENTS_POINTER}/${index}`], message }];
  });
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

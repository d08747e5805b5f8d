/**
 * Acknowledged WARNs (rules.md: "WARN can be acknowledged with a reason that is kept with the revision"). They live
 * in the document's non-printed `acknowledgements`, so a committed revision freezes them. Pure and free of the
 * rules, so the web editor imports it to add and withdraw acknowledgements the same way the checks match them.
 */
import { saysNothing } from '../domain/blank.js';
import type { Acknowledgement, Finding } from './types.js';

/** Where a document keeps its acknowledgements (schema `$defs/acknowledgements`, `x-printed: false`). */
export const ACKNOWLEDGEMENTS_POINTER = '/acknowledgements';

export const isAcknowledgement = (value: unknown): value is Acknowledgement => {
  if (typeof value !== 'object' || value === null) return false;
  const { ruleId, pointer, reason } = value as Record<string, unknown>;
  return (
    typeof ruleId === 'string' && typeof reason === 'string' && (pointer === undefined || typeof pointer === 'string')
  );
};

/** The acknowledgements a document holds; malformed entries (a draft may be anything) are skipped, the schema reports them. */
export const acknowledgementsOf = (data: unknown): Acknowledgement[] => {
  const list =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['acknowledgements'] : undefined;
  return Array.isArray(list) ? list.filter(isAcknowledgement) : [];
};

/**
 * Whether an acknowledgement covers a finding: only a WARN (an ERROR blocks publication whatever the reason, an INFO
 * needs none), of the same rule, at its pointer (any of the finding's items) or at every finding of the rule, and
 * only with a reason written down.
 */
export const covers = (ack: Acknowledgement, finding: Pick<Finding, 'ruleId' | 'severity' | 'pointers'>): boolean =>
  finding.severity === 'WARN' &&
  ack.ruleId === finding.ruleId &&
  !saysNothing(ack.reason) &&
  (ack.pointer === undefined || finding.pointers.includes(ack.pointer));

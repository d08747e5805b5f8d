import { RULES, checkAssessment, covers, isAcknowledgement, type Acknowledgement } from '../checks/index.js';
import { ACKNOWLEDGE_CLI_MESSAGES_JA as M, CHECK_CLI_MESSAGES_JA } from '../checks/messages.ja.js';
import { fillMessage } from '../messages.ja.js';
import { loadAssessment, saveAssessment } from '../store/index.js';
import { requireForm, type Output } from './commands.js';

export type AcknowledgeOptions = { readonly pointer?: string; readonly reason?: string; readonly today: string };

const sameTarget = (a: Acknowledgement, b: Acknowledgement): boolean =>
  a.ruleId === b.ruleId && a.pointer === b.pointer;

/**
 * `pia acknowledge <file> <ruleId> [--pointer <p>] -m "<理由>"`: keep a WARN as it is, with the officer's reason, in
 * the draft's non-printed acknowledgements (the next revision freezes it). Only a WARN the document has now can be
 * acknowledged, so a typo in the rule or the pointer never leaves a record that covers nothing.
 */
export const acknowledgeCommand = async (
  file: string,
  ruleId: string,
  options: AcknowledgeOptions,
  io: Output,
): Promise<number> => {
  const reason = options.reason?.trim() ?? '';
  if (reason === '') return refuse(io, M.noReason);
  const rule = RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) {
    const rules = RULES.filter((candidate) => candidate.severity === 'WARN').map((candidate) => candidate.id);
    return refuse(io, fillMessage(M.unknownRule, { rule: ruleId, rules: rules.join(', ') }));
  }
  if (rule.severity !== 'WARN')
    return refuse(
      io,
      fillMessage(M.notWarn, { rule: ruleId, severity: CHECK_CLI_MESSAGES_JA.severity[rule.severity] }),
    );
  if (options.pointer !== undefined && !options.pointer.startsWith('/'))
    return refuse(io, fillMessage(M.badPointer, { pointer: options.pointer }));

  const loaded = await loadAssessment(file);
  const form = requireForm(loaded);
  const ack: Acknowledgement = {
    ruleId,
    ...(options.pointer !== undefined ? { pointer: options.pointer } : {}),
    reason,
  };
  // Checked without any acknowledgement, so a WARN already acknowledged can get a new reason.
  const findings = checkAssessment(form, loaded.data, { today: options.today, acknowledgements: [] });
  const covered = findings.filter((finding) => covers(ack, finding));
  if (covered.length === 0) {
    const at = options.pointer !== undefined ? fillMessage(M.at, { pointer: options.pointer }) : '';
    io.err(fillMessage(M.noFinding, { file, rule: ruleId, at }));
    const current = findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.pointers[0] ?? '');
    if (current.length > 0) io.err(fillMessage(M.current, { pointers: current.join(', ') }));
    return 1;
  }

  // Entries are kept as written, malformed ones too (the schema reports those): nothing in the draft is lost.
  const written = loaded.data['acknowledgements'];
  const existing: unknown[] = Array.isArray(written) ? written : [];
  const isSame = (other: unknown): boolean => isAcknowledgement(other) && sameTarget(other, ack);
  const replaced = existing.some(isSame);
  const acknowledgements = replaced ? existing.map((other) => (isSame(other) ? ack : other)) : [...existing, ack];
  await saveAssessment(file, form, { ...loaded.data, acknowledgements }, { previous: loaded.parsed });
  io.out(fillMessage(M.done, { file, rule: ruleId, count: covered.length, reason }) + (replaced ? M.replaced : ''));
  return 0;
};

const refuse = (io: Output, message: string): number => {
  io.err(message);
  return 1;
};

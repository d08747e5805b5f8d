import { ACKNOWLEDGE_CLI_MESSAGES_JA as M, CHECK_CLI_MESSAGES_JA } from '../checks/messages.ja.js';
import { fillMessage } from '../messages.ja.js';
import { acknowledgeWarning } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import type { CliIo } from './io.js';
import { reportConflicts, reportIncoming } from './merge-report.js';

const refuse = (io: CliIo, message: string): number => {
  io.err(message);
  return 1;
};

/**
 * `pia acknowledge <file> <ruleId> [--pointer <p>] -m "<理由>"`: keep a WARN as it is, with the officer's reason, in
 * the draft's non-printed acknowledgements (the next revision freezes it).
 */
export const acknowledgeCommand = async (
  file: string,
  ruleId: string,
  options: { readonly pointer?: string; readonly reason?: string },
  io: CliIo,
): Promise<number> => {
  const reason = options.reason?.trim() ?? '';
  if (reason === '') return refuse(io, M.noReason);
  if (options.pointer !== undefined && !options.pointer.startsWith('/'))
    return refuse(io, fillMessage(M.badPointer, { pointer: options.pointer }));
  const ack = { ruleId, ...(options.pointer !== undefined ? { pointer: options.pointer } : {}), reason };
  const outcome = await acknowledgeWarning(await workflowAt(file, io), ack);
  switch (outcome.kind) {
    case 'unknownRule':
      return refuse(io, fillMessage(M.unknownRule, { rule: ruleId, rules: outcome.warnRules.join(', ') }));
    case 'notWarn':
      return refuse(io, fillMessage(M.notWarn, { rule: ruleId, severity: CHECK_CLI_MESSAGES_JA.severity[outcome.severity] }));
    case 'noFinding': {
      const at = options.pointer !== undefined ? fillMessage(M.at, { pointer: options.pointer }) : '';
      io.err(fillMessage(M.noFinding, { file, rule: ruleId, at }));
      if (outcome.current.length > 0) io.err(fillMessage(M.current, { pointers: outcome.current.join(', ') }));
      return 1;
    }
    case 'conflict':
      reportConflicts(io, file, outcome);
      return 1;
    case 'done':
      io.out(fillMessage(M.done, { file, rule: ruleId, count: outcome.covered, reason }) + (outcome.replaced ? M.replaced : ''));
      reportIncoming(io, file, outcome.incoming);
      return 0;
  }
};

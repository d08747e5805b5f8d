import { fillMessage } from '../messages.ja.js';
import { restoreFromRevision } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import type { CliIo } from './io.js';
import { reportConflicts, reportIncoming } from './merge-report.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { revisionNumber } from './revisions.js';

/**
 * `pia restore <file> <pointer> --from <n>`: the item or group entry at `pointer` taken back into the draft as
 * revision n has it (「この版の記載に戻す」), everything else kept; written with the merge-aware write.
 */
export const restoreCommand = async (file: string, pointer: string | undefined, from: string | undefined, io: CliIo): Promise<number> => {
  if (pointer === undefined || from === undefined) {
    io.err(M.restoreUsage);
    return 2;
  }
  const number = revisionNumber(from);
  const outcome = await restoreFromRevision(await workflowAt(file, io), pointer, number);
  switch (outcome.kind) {
    case 'unchanged':
      io.out(fillMessage(M.restoreUnchanged, { label: outcome.label, pointer, number }));
      return 0;
    case 'conflict':
      reportConflicts(io, file, outcome);
      return 1;
    case 'restored':
      io.out(fillMessage(M.restored, { label: outcome.label, pointer, number }));
      reportIncoming(io, file, outcome.incoming);
      return 0;
  }
};

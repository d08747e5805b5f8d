import { formatWareki } from '../../domain/wareki.js';
import { fillMessage } from '../../messages.ja.js';
import { findOutdatedReferences } from '../../snippets/index.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import type { Hit } from '../types.js';

/** Citations of documents the standard-text library declares replaced; callers without a library get no finding. */
const checkOutdatedReferences = (context: CheckContext): Hit[] => {
  const library = context.options.snippets;
  if (!library) return [];
  return findOutdatedReferences(context.form, context.data, library).map(({ pointer, document, declaredBy }) => ({
    pointers: [pointer],
    message: fillMessage(M.outdatedReference, {
      cited: document.pattern,
      successor: document.successor,
      since: document.date ? fillMessage(M.outdatedReferenceSince, { date: formatWareki(document.date) }) : '',
      snippet: declaredBy.title,
    }),
  }));
};

export const REFERENCE_RULES: readonly CheckRule[] = [{ id: 'references.outdated', severity: 'WARN', check: checkOutdatedReferences }];

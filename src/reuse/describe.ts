import { fillMessage } from '../messages.ja.js';
import type { MigrationEntry, MigrationReport } from './migrate.js';
import { MIGRATION_MESSAGES_JA as M } from './messages.ja.js';

const PATH_SEPARATOR = ' > ';

/** One entry of a migration report as a Japanese sentence for the officer (CLI, editor). */
export const describeMigrationEntry = (entry: MigrationEntry): string => {
  const path = entry.path.join(PATH_SEPARATOR);
  switch (entry.kind) {
    case 'label': {
      const text = fillMessage(M.label, { path, before: entry.before, after: entry.after });
      if (entry.mentions.length === 0) return text;
      const items = entry.mentions.map((mention) => mention.path.join(PATH_SEPARATOR)).join(M.separator);
      return `${text}${fillMessage(M.mentions, { word: entry.word, count: entry.mentions.length, items })}`;
    }
    case 'option':
      return fillMessage(M.option, { path, before: entry.before, after: entry.after });
    case 'options': {
      const changes = [
        ...(entry.added.length > 0 ? [fillMessage(M.optionsAdded, { options: entry.added.join(M.separator) })] : []),
        ...(entry.removed.length > 0 ? [fillMessage(M.optionsRemoved, { options: entry.removed.join(M.separator) })] : []),
      ];
      return fillMessage(M.options, { path, changes: changes.join('／') });
    }
    case 'noOption':
      return fillMessage(M.noOption, { path, value: entry.value });
    case 'added':
      return fillMessage(M.added, { path });
    case 'removed':
      return fillMessage(entry.kept ? M.removedKept : M.removed, { path });
    case 'restored':
      return fillMessage(M.restored, { path });
  }
};

/** A migration entry with the sentence the officer reads (the same in the CLI, the API and the editor). */
export type DescribedEntry = MigrationEntry & { readonly text: string };
export type MigrationView = Omit<MigrationReport, 'entries'> & { readonly entries: readonly DescribedEntry[] };

export const describeReport = (report: MigrationReport): MigrationView => ({
  ...report,
  entries: report.entries.map((entry) => ({ ...entry, text: describeMigrationEntry(entry) })),
});

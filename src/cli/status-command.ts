/**
 * `pia status`: the review and the procedure from a terminal. Without a revision number it lists what each revision
 * may do next (and what a step asks for); with one it takes a step, named by the step (approve, consult …) or by the
 * state it leads to (approved, consultation …), with the values the step fills given as --field key=value.
 */
import { citationLine, timingWarning } from '../diff/index.js';
import { REVISION_STATUSES, isRevisionStatus, type RevisionStatus } from '../domain/revision.js';
import { STEP_NAMES, isStepName, type OfferedStep } from '../domain/steps.js';
import { formatWareki } from '../domain/wareki.js';
import { AppError } from '../errors.js';
import {
  REVISION_KINDS_JA,
  REVISION_STATUS_JA,
  STEP_NAMES_JA,
  STEP_ROLES_JA,
  fillMessage,
  revisionStatusChoicesJa,
} from '../messages.ja.js';
import { TRANSITIONS, listRevisions, recordTermination, setRevisionStatus, type RevisionView } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { authorOf, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { revisionNumber } from './revisions.js';

export type StatusOptions = { author?: string; reason?: string; remark?: string; field?: readonly string[] };

/** `--field key=value` (repeatable) → the step's record; the workflow checks keys and kinds. */
const recordOf = (fields: readonly string[]): Record<string, string> =>
  Object.fromEntries(
    fields.map((field) => {
      const at = field.indexOf('=');
      if (at <= 0) throw new AppError('INVALID_REQUEST', fillMessage(M.fieldFormat, { value: field }));
      return [field.slice(0, at).trim(), field.slice(at + 1)];
    }),
  );

/** A step name or a state: the state the revision's step of that name leads to from where it is now. */
const targetOf = (revision: RevisionView, name: string): RevisionStatus => {
  if (isRevisionStatus(name)) return name;
  if (!isStepName(name)) throw new AppError('INVALID_REQUEST', stepChoices());
  const step = TRANSITIONS.find((transition) => transition.from === revision.status && transition.step === name);
  // No such step from here: ask for the step's usual target, so the workflow says what is possible instead.
  return step?.to ?? TRANSITIONS.find((transition) => transition.step === name)!.to;
};

const stepChoices = (): string =>
  fillMessage(M.stepChoices, {
    steps: STEP_NAMES.map((step) => `${step}（${STEP_NAMES_JA[step]}）`).join(' / '),
    statuses: revisionStatusChoicesJa(REVISION_STATUSES),
  });

const offeredLines = (offered: OfferedStep): string[] => [
  fillMessage(M.offeredStep, { step: offered.step, name: STEP_NAMES_JA[offered.step], role: STEP_ROLES_JA[offered.role] }),
  ...(offered.reasonRequired ? [M.offeredReason] : []),
  ...offered.fields.map((field) =>
    fillMessage(M.offeredField, { key: field.key, kind: M.fieldKinds[field.kind], label: field.label, required: field.required ? M.fieldRequired : '' }),
  ),
  ...(offered.notBy.length > 0 ? [fillMessage(M.offeredNotBy, { names: offered.notBy.map((person) => person.name).join('・') })] : []),
];

/** `pia status <file>`: each revision's state and kind, and the steps it may take now. */
const overview = async (file: string, io: CliIo): Promise<number> => {
  const revisions = await listRevisions(await workflowAt(file, io));
  if (revisions.length === 0) {
    io.out(fillMessage(M.noRevisions, { file }));
    return 0;
  }
  for (const revision of revisions) {
    io.out(
      fillMessage(M.statusOverview, {
        number: revision.number,
        status: REVISION_STATUS_JA[revision.status],
        kind: REVISION_KINDS_JA[revision.kind],
        date: formatWareki(revision.changeDate),
      }),
    );
    for (const offered of revision.transitions) offeredLines(offered).forEach((line) => io.out(`  ${line}`));
  }
  return 0;
};

/** `pia status <file> [<版> <手順|状態>] --author <名前> [-m <理由>] [--remark <備考>] [--field key=value]…` */
export const statusCommand = async (
  file: string,
  n: string | undefined,
  name: string | undefined,
  options: StatusOptions,
  io: CliIo,
): Promise<number> => {
  if (n === undefined) return overview(file, io);
  if (name === undefined || (!isRevisionStatus(name) && !isStepName(name))) {
    io.err(stepChoices());
    return 2;
  }
  const by = authorOf(io, options.author);
  if (!by) {
    io.err(M.byRequired);
    return 2;
  }
  const workflow = await workflowAt(file, io);
  const number = revisionNumber(n);
  const current = (await listRevisions(workflow)).find((revision) => revision.number === number);
  const status = current ? targetOf(current, name) : isRevisionStatus(name) ? name : 'review';
  const revision = await setRevisionStatus(workflow, number, {
    status,
    by,
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    ...(options.remark !== undefined ? { remark: options.remark } : {}),
    ...(options.field && options.field.length > 0 ? { record: recordOf(options.field) } : {}),
  });
  io.out(fillMessage(M.statusDone, { number: revision.number, status: REVISION_STATUS_JA[status] }));
  if (revision.statusLog.at(-1)?.record) io.out(M.itemsFilled);
  const warnings = revision.rowsEditable || status === 'withdrawn' ? [] : revision.rows.flatMap((row, i) => {
    const warning = timingWarning(row);
    return warning ? [fillMessage(M.timingLine, { row: i + 1, item: citationLine(row.item), warning })] : [];
  });
  if (warnings.length > 0) io.err([fillMessage(M.timingCheck, { count: warnings.length }), ...warnings].join('\n'));
  return 0;
};

/** `pia terminate <file> --end <終了日> --date <公表日> [--label 事業終了] --author <名前>`: 事業終了 (rules.md §6.4). */
export const terminateCommand = async (
  file: string,
  options: { author?: string; end?: string; date?: string; label?: string },
  io: CliIo,
): Promise<number> => {
  const by = authorOf(io, options.author);
  if (!by) {
    io.err(M.authorRequired);
    return 2;
  }
  if (!options.end || !options.date) {
    io.err(M.terminateDates);
    return 2;
  }
  const { revision } = await recordTermination(await workflowAt(file, io), {
    endDate: options.end,
    publishedOn: options.date,
    by,
    ...(options.label !== undefined ? { label: options.label } : {}),
  });
  io.out(
    fillMessage(M.terminated, {
      number: revision.number,
      until: formatWareki(revision.termination?.keepPublishedUntil ?? options.end),
    }),
  );
  return 0;
};

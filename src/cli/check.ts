import { blockingFindings, type Finding } from '../checks/index.js';
import { CHECK_CLI_MESSAGES_JA as M } from '../checks/messages.ja.js';
import { isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { splitPointer } from '../schema/index.js';
import { positionOf, type Draft, type Position } from '../store/index.js';
import { checkDraft } from '../workflows/index.js';
import { assessmentFiles, workflowAt } from './commands.js';
import type { CliIo } from './io.js';

type LocatedFinding = Finding & Partial<Position>;
type FileReport = { file: string; form?: string; validationIssues: number; findings: LocatedFinding[]; error?: string };

/** Whether the item is written in the file: a missing one (the facts of a seed) gets no line rather than its parent's. */
const isWritten = (data: unknown, segments: readonly string[]): boolean => {
  let node = data;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
};

const locate = (draft: Draft, finding: Finding): LocatedFinding => {
  const segments = splitPointer(finding.pointers[0] ?? '');
  const position = isWritten(draft.data, segments) ? positionOf(draft.parsed, segments) : undefined;
  return position ? { ...finding, ...position } : finding;
};

const reportFor = async (file: string, io: CliIo): Promise<FileReport> => {
  try {
    const { draft, findings } = await checkDraft(await workflowAt(file, io));
    const located = findings.map((finding) => locate(draft, finding));
    return { file, ...(draft.form ? { form: draft.form } : {}), validationIssues: draft.issues.length, findings: located };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const issues = error.details['issues'];
    return { file, validationIssues: Array.isArray(issues) ? issues.length : 0, findings: [], error: error.messageJa };
  }
};

/** Findings under their official section, sections in the order they first occur (the form's order of the rules). */
const bySection = (findings: readonly LocatedFinding[]): Map<string, LocatedFinding[]> => {
  const groups = new Map<string, LocatedFinding[]>();
  for (const finding of findings) groups.set(finding.section, [...(groups.get(finding.section) ?? []), finding]);
  return groups;
};

const printReport = (report: FileReport, io: CliIo): void => {
  if (report.error !== undefined) {
    io.err(`✗ ${report.error}`);
    return;
  }
  // An acknowledged WARN is the officer's decision, not an open warning: counted and labelled apart.
  const count = (severity: Finding['severity']): number =>
    report.findings.filter((f) => f.severity === severity && !f.acknowledged).length;
  if (report.findings.length === 0) io.out(fillMessage(M.clean, { file: report.file }));
  else
    io.out(
      fillMessage(M.summary, {
        file: report.file,
        errors: count('ERROR'),
        warnings: count('WARN'),
        acknowledged: report.findings.filter((f) => f.acknowledged).length,
        infos: count('INFO'),
      }),
    );
  for (const [section, findings] of bySection(report.findings)) {
    io.out(`  【${section}】`);
    for (const finding of findings) {
      const where = finding.line !== undefined ? `${report.file}:${finding.line}:${finding.column ?? 1}` : report.file;
      const severity = finding.acknowledged ? M.acknowledgedSeverity : M.severity[finding.severity];
      const ack = finding.acknowledged ? fillMessage(M.acknowledged, { reason: finding.acknowledged.reason }) : '';
      io.out(`    ${severity} [${finding.ruleId}] ${where}: ${finding.paths[0] ?? ''}: ${finding.message}${ack}`);
    }
  }
  if (report.validationIssues > 0) io.out(`  ${fillMessage(M.invalid, { count: report.validationIssues })}`);
};

/** `pia check [--json] [--today YYYY-MM-DD] <file|dir>`: consistency findings per file, grouped by section; exit 1 on any ERROR. */
export const checkCommand = async (target: string, options: { json: boolean }, io: CliIo): Promise<number> => {
  const files = await assessmentFiles(target, io);
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await reportFor(file, io));
  if (options.json) io.out(JSON.stringify(reports, null, 2));
  else reports.forEach((report) => printReport(report, io));
  const failed = reports.some((report) => report.error !== undefined || blockingFindings(report.findings).length > 0);
  return failed || files.length === 0 ? 1 : 0;
};

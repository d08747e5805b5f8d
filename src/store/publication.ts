/**
 * The bundle's YAML: a published revision as one file (src/domain/publication.ts), written the same way every
 * time (schema order, block scalars), so the SHA-256 the PDFs carry names exactly one text.
 */
import { isRevisionStatus } from '../domain/revision.js';
import type { PublicationSource } from '../domain/publication.js';
import type { ChangeRow } from '../domain/assessment.gen.js';
import { AppError } from '../errors.js';
import { PUBLICATION_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { formRoot, isFormId } from '../schema/index.js';
import { parseYaml } from './yaml-parse.js';
import { orderBySchema, stringifyYaml } from './yaml-write.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const serializePublication = (source: PublicationSource): string => {
  const form = source.data['form'];
  const content = isFormId(form) ? orderBySchema(source.data, formRoot(form)) : source.data;
  return stringifyYaml({
    publication: { assessment: source.assessment, revision: source.revision, status: source.status, changeDate: source.changeDate },
    changeRows: source.changeRows,
    assessment: content,
  });
};

/** A bundle's YAML read back; PUBLICATION_SOURCE_INVALID for any other file (an assessment.yaml included). */
export const parsePublication = (text: string, file: string): PublicationSource => {
  const data = parseYaml(text, file).data;
  const head = isRecord(data) ? data['publication'] : undefined;
  const invalid = (): AppError => new AppError('PUBLICATION_SOURCE_INVALID', fillMessage(M.sourceInvalid, { file }), { file });
  if (!isRecord(data) || !isRecord(head) || !isRecord(data['assessment']) || !Array.isArray(data['changeRows'])) throw invalid();
  const { assessment, revision, status, changeDate } = head;
  if (typeof assessment !== 'string' || typeof revision !== 'number' || !isRevisionStatus(status) || typeof changeDate !== 'string') throw invalid();
  return { assessment, revision, status, changeDate, data: data['assessment'], changeRows: data['changeRows'] as ChangeRow[] };
};

/** Whether a YAML text is a bundle's (rather than an assessment). */
export const isPublicationText = (text: string, file: string): boolean => {
  const data = parseYaml(text, file).data;
  return isRecord(data) && isRecord(data['publication']);
};

/**
 * Shapes of the revision, diff and rows routes as the issue-4 API contract states them. The server helper's
 * dto.ts does not carry them yet (they belong to the revision store of issue 3); the UI reads only the fields
 * named here, so the server's fuller types are assignable to these.
 */
import type { AssessmentStatus } from '../../src/server/dto.js';

export type RevisionStatus = AssessmentStatus;

export type RevisionMeta = {
  number: number;
  createdAt: string;
  author: string;
  message: string;
  /** 変更日, ISO date. */
  changeDate: string;
  status: RevisionStatus;
};

/** One row of the 変更箇所 table (the schema's changeRow). */
export type ChangeRowDto = {
  date: string | null;
  item: string;
  before: string;
  after: string;
  timing: '事前' | '事後' | '';
  explanation: string;
};

/** A part of a text diff: unchanged, inserted or deleted text. */
export type TextSegment = { value: string; added?: boolean; removed?: boolean };

/** One changed item with its official citation and before/after texts. */
export type ChangedItemDto = {
  pointer?: string;
  citation: string;
  before: string;
  after: string;
  segments?: TextSegment[];
};

export type DiffResponse = { rows: ChangeRowDto[]; items: ChangedItemDto[] };

export type CommitRevisionRequest = {
  message: string;
  changeDate: string;
  author: string;
  baseRevision: number | null;
};

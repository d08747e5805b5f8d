import type { ChangeRow } from './assessment.gen.js';
import type { RevisionStatus } from './revision.js';

/**
 * What a published revision's PDFs are made from, as one self-contained file (the bundle's YAML): which revision
 * of which assessment, the committed content (its non-printed records included: the 非公表 flags, the
 * acknowledgements) and the 変更箇所 rows the PDFs print. Re-rendering it gives the PDFs' bytes again, which is
 * how `pia verify` tells an unaltered PDF.
 */
export type PublicationSource = {
  readonly assessment: string;
  readonly revision: number;
  readonly status: RevisionStatus;
  /** 変更日 of the revision (ISO). */
  readonly changeDate: string;
  readonly data: Record<string, unknown>;
  readonly changeRows: readonly ChangeRow[];
};

/** The PDFs of one revision: the 提出版 (everything, its source attached), the 公表版 (withheld parts replaced). */
export const PRINT_VARIANTS = ['submission', 'public'] as const;
export type PrintVariant = (typeof PRINT_VARIANTS)[number];
export const isPrintVariant = (value: unknown): value is PrintVariant => PRINT_VARIANTS.includes(value as PrintVariant);

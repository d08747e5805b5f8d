/** The messages between the server and its PDF render workers (render-pool.ts ↔ render-worker.ts). */
import type { ErrorCode, ErrorDetails } from '../errors.js';
import type { FormId } from '../schema/index.js';
import type { RenderOptions } from '../render/index.js';

export type RenderRequest = {
  readonly job: number;
  readonly form: FormId;
  readonly data: Record<string, unknown>;
  readonly changeRows: RenderOptions['changeRows'];
  /** Diagram images by the file name the assessment gives (read and checked by the store beforehand). */
  readonly images: Readonly<Record<string, Uint8Array>>;
  readonly templatesDir: string;
  /** A publication's PDF: the 公表版's withheld values, a redline's older version, the stamp, the 提出版's YAML. */
  readonly options?: Pick<RenderOptions, 'info' | 'withheld' | 'redline' | 'attachments'>;
};

/** The PDF's bytes, or the renderer's error: an AppError's parts to rebuild it, or an unexpected failure's text. */
export type RenderReply = {
  readonly job: number;
  readonly pdf?: Uint8Array;
  readonly error?: { readonly code: ErrorCode; readonly messageJa: string; readonly details: ErrorDetails } | { readonly message: string };
};

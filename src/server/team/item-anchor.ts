/**
 * Where a comment points: an item of the form by JSON Pointer, checked against the form's schema (a pointer to
 * nothing the form has is refused), with the official item path as the document has it now (file numbers Ⅱ（2）,
 * the form revision's labels). The path is stored with the comment, so it stays readable whatever happens later.
 */
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import {
  childNode,
  formRevisionOf,
  formRoot,
  itemPath,
  splitPointer,
  type FormId,
  type ResolvedNode,
} from '../../schema/index.js';
import type { Library } from '../../store/index.js';
import { TEAM_MESSAGES_JA, type CommentAnchor } from '../../team/index.js';

const isFormItem = (form: FormId, segments: readonly string[]): boolean => {
  let node: ResolvedNode | undefined = formRoot(form);
  for (const segment of segments) {
    node = node && childNode(node, segment);
    if (!node) return false;
  }
  return segments.length > 0;
};

export type AnchorResolver = (assessmentId: string, revision: number | null, pointer: string) => Promise<CommentAnchor>;

export const createAnchorResolver = (library: Library): AnchorResolver => {
  return async (assessmentId, revision, pointer) => {
    const store = library.assessment(assessmentId);
    const document =
      revision === null
        ? await store.readDraft()
        : await store.readRevision(revision).catch((error: unknown) => {
            throw error instanceof AppError && error.code === 'REVISION_NOT_FOUND'
              ? new AppError(
                  'REVISION_NOT_FOUND',
                  fillMessage(TEAM_MESSAGES_JA.commentRevisionNotFound, { id: assessmentId, revision }),
                )
              : error;
          });
    const segments = splitPointer(pointer);
    if (!document.form || !isFormItem(document.form, segments))
      throw new AppError(
        'INVALID_REQUEST',
        fillMessage(TEAM_MESSAGES_JA.commentItemUnknown, { pointer: pointer.slice(0, 200) }),
      );
    const files = document.data['files'];
    const path = itemPath(document.form, segments, {
      revision: formRevisionOf(document.data),
      fileCount: Array.isArray(files) ? files.length : 1,
    });
    return { assessmentId, revision, pointer, itemPath: path };
  };
};

import { validatorForDocument } from './validators.js';
import { SCHEMA_DOCUMENTS, SNIPPET_DOCUMENT } from './documents.js';
import { collectIssues, type ValidationIssue } from './issues.js';
import { childNode, isArrayNode, keyword, resolveNode, type ResolvedNode } from './resolve.js';

/** The root of the snippet schema (for key order and labels). */
export const snippetRoot = (): ResolvedNode => resolveNode([{ schema: SCHEMA_DOCUMENTS[SNIPPET_DOCUMENT]!, doc: SNIPPET_DOCUMENT }]);

/** The labels of a place in a standard text, from the snippet schema's titles: ['改められた参照文書', '2', '後継の文書']. */
const snippetPath = (segments: readonly string[]): string[] => {
  const labels: string[] = [];
  let node: ResolvedNode | undefined = snippetRoot();
  for (const segment of segments) {
    const parent: ResolvedNode | undefined = node;
    node = parent && childNode(parent, segment);
    if (parent && isArrayNode(parent)) labels.push(String(Number(segment) + 1));
    else labels.push((node && keyword<string>(node, 'title')) ?? segment);
  }
  return labels;
};

/** Check one version of a standard text against schemas/snippet.schema.json; problems come back as Japanese issues. */
export const validateSnippet = (data: unknown): ValidationIssue[] => {
  const validate = validatorForDocument(SNIPPET_DOCUMENT);
  if (validate(data)) return [];
  return collectIssues(validate.errors ?? [], { doc: SNIPPET_DOCUMENT, data }, snippetPath);
};

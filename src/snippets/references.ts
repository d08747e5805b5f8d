import type { SnippetSupersededDocument } from '../domain/assessment.gen.js';
import { textItems, type FormId } from '../schema/index.js';
import type { Snippet, SnippetLibrary } from './library.js';

/** A place where an assessment cites a document the library says was replaced. */
export type OutdatedReference = {
  readonly pointer: string;
  readonly document: SnippetSupersededDocument;
  /** The standard text that declared it. */
  readonly declaredBy: Pick<Snippet, 'id' | 'version' | 'title'>;
};

/** Citations are typed by hand: compare without spaces and with full and half width folded (第１．０版 = 第1.0版). */
const normalize = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/**
 * Every place where a free text of the assessment cites a document that a standard text of the library declares
 * superseded (`supersededDocuments`: e.g. the ガバメントクラウド 利用基準 第1.0版, replaced by 第2.0版).
 * Plain text comparison, no patterns from the library are run as code.
 */
export const findOutdatedReferences = (form: FormId, data: unknown, library: SnippetLibrary): OutdatedReference[] => {
  const declarations = new Map<string, OutdatedReference['document'] & { snippet: Snippet }>();
  for (const snippet of library.snippets) {
    for (const document of snippet.supersededDocuments ?? []) {
      const key = normalize(document.pattern);
      if (key !== '' && !declarations.has(key)) declarations.set(key, { ...document, snippet });
    }
  }
  if (declarations.size === 0) return [];
  // The imported 変更箇所 rows quote earlier texts on purpose: only the document's own items count.
  return textItems(form, data).flatMap((item) => {
      const text = normalize(item.text);
      return [...declarations].flatMap(([key, { snippet, ...document }]) =>
        text.includes(key) ? [{ pointer: item.pointer, document, declaredBy: { id: snippet.id, version: snippet.version, title: snippet.title } }] : [],
      );
    });
};

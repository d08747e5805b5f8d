import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { isBlankEntry, saysNothing } from '../domain/blank.js';
import { isIsoDate } from '../domain/wareki-parse.js';
import { SCHEMA_DOCUMENTS, formDocumentName, type FormId } from './documents.js';
import { inlineRefs } from './inline-refs.js';

/**
 * Annotation keywords of our schemas. Ajv's strict mode rejects unknown keywords, so each one is declared here
 * once; the meaning of each is documented in schemas/README.md.
 */
export const ANNOTATION_KEYWORDS = [
  'x-form', 'x-toc', 'x-number', 'x-mark', 'x-suffix', 'x-important', 'x-kind', 'x-printed', 'x-multiline',
  'x-layout', 'x-role', 'x-sideLabel', 'x-itemLabel', 'x-slotRanges', 'x-fileGroup', 'x-optionsPerRow',
  'x-optionNumbering', 'x-optionNumbers', 'x-rows', 'x-titleByRevision', 'x-numberSeparator', 'x-printFormat',
  'x-message', 'x-idPrefix', 'x-initialItems', 'x-tocIndent', 'x-tocSeparator', 'x-headingNumber', 'x-headingSeparator',
  'x-notAChange',
  'x-clearOnCopy', 'x-revisions', 'x-optionsByRevision',
] as const;

const hasDuplicateIds = (items: unknown): string | undefined => {
  if (!Array.isArray(items)) return undefined;
  const seen = new Set<unknown>();
  for (const item of items) {
    const id = (item as { id?: unknown } | null)?.id;
    if (id === undefined) continue;
    if (seen.has(id)) return String(id);
    seen.add(id);
  }
  return undefined;
};

const createAjv = (): Ajv2020 => {
  // Strict, all errors, no coercion, no removal: validation never changes the document it checks.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
  // The one reading of a date the code uses too: a day of the calendar, so 2025-13-01 is an issue, not a crash later.
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  for (const name of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword: name });
  ajv.addKeyword({
    keyword: 'x-uniqueIds',
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: function uniqueIds(this: unknown, enabled: boolean, data: unknown) {
      const duplicate = enabled ? hasDuplicateIds(data) : undefined;
      if (duplicate === undefined) return true;
      (uniqueIds as unknown as { errors: object[] }).errors = [
        { keyword: 'x-uniqueIds', message: 'duplicate id', params: { id: duplicate } },
      ];
      return false;
    },
  });
  // "Must stay empty" rules use the one definition of blank (src/domain/blank.ts), never a pattern of their own.
  ajv.addKeyword({
    keyword: 'x-blank',
    schemaType: 'boolean',
    validate: (enabled: boolean, data: unknown) => !enabled || saysNothing(data),
  });
  ajv.addKeyword({
    keyword: 'x-blankEntries',
    type: 'array',
    schemaType: 'boolean',
    validate: (enabled: boolean, data: unknown[]) => !enabled || data.every(isBlankEntry),
  });
  return ajv;
};

/** Our keywords that validate (the rest only annotate). */
export const VALIDATING_KEYWORDS = ['x-uniqueIds', 'x-blank', 'x-blankEntries'] as const;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The validator of one bundled schema document, compiled on first use (a CLI run needs only one). */
export const validatorForDocument = (doc: string): ValidateFunction => {
  let validate = validators.get(doc);
  if (!validate) {
    ajv ??= createAjv();
    const schema = SCHEMA_DOCUMENTS[doc];
    if (!schema) throw new Error(`no validator for ${doc}`);
    validate = ajv.compile(inlineRefs(schema, doc));
    validators.set(doc, validate);
  }
  return validate;
};

/** The one document validator per form. */
export const validatorFor = (form: FormId): ValidateFunction => validatorForDocument(formDocumentName(form));

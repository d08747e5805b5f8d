import { Ajv2020, _, type KeywordCxt } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { SCHEMA_DOCUMENTS } from './documents.js';
import { inlineRefs } from './inline-refs.js';
import { FORMATS, KEYWORD_CHECKS } from './keyword-checks.js';

/**
 * The document Ajv: how the bundled schemas compile. The product does not compile them at run time: the
 * validators are generated from this Ajv into validators.gen.js (scripts/gen-validators.mts, checked for drift
 * by `npm test`), so a `pia` process or a browser tab starts without compiling 150 KB of schema. This module is
 * what generates them and what tests compare them with.
 */

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
  'x-clearOnCopy', 'x-revisions', 'x-optionsByRevision', 'x-withholdable',
] as const;

/** Our keywords that validate (the rest only annotate). */
export const VALIDATING_KEYWORDS = ['x-uniqueIds', 'x-blank', 'x-blankEntries'] as const;

/**
 * A call of one of KEYWORD_CHECKS from generated code. Keywords are code keywords (not `validate` functions) so
 * that standalone code can name the function: `code` is how the generated module refers to it (it imports
 * KEYWORD_CHECKS), `ref` what the run-time compiler calls.
 */
const callCheck = (cxt: KeywordCxt, name: keyof typeof KEYWORD_CHECKS) =>
  cxt.gen.scopeValue('func', { ref: KEYWORD_CHECKS[name], code: { duplicateId: _`KEYWORD_CHECKS.duplicateId`, saysNothing: _`KEYWORD_CHECKS.saysNothing`, blankEntries: _`KEYWORD_CHECKS.blankEntries` }[name] });

/** The Ajv the validators are generated with (`source`: keep the code for standaloneCode). */
export const createAjv = ({ source = false }: { source?: boolean } = {}): Ajv2020 => {
  // Strict, all errors, no coercion, no removal: validation never changes the document it checks. Not verbose and
  // without ajv's English messages: issues.ts words its own, finding the value in the document and an x-message by
  // the error's schemaPath, and both would double the generated code every `pia` process loads.
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    messages: false,
    code: { source, lines: source, esm: true, formats: _`FORMATS` },
  });
  ajv.addFormat('date', FORMATS.date);
  for (const name of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword: name });
  ajv.addKeyword({
    keyword: 'x-uniqueIds',
    type: 'array',
    schemaType: 'boolean',
    error: { message: 'duplicate id', params: ({ params }) => _`{id: ${params['id']}}` },
    code: (cxt) => {
      if (!cxt.schema) return;
      const duplicate = cxt.gen.const('duplicate', _`${callCheck(cxt, 'duplicateId')}(${cxt.data})`);
      cxt.setParams({ id: duplicate });
      cxt.fail(_`${duplicate} !== undefined`);
    },
  });
  ajv.addKeyword({
    keyword: 'x-blank',
    schemaType: 'boolean',
    code: (cxt) => {
      if (cxt.schema) cxt.fail(_`!${callCheck(cxt, 'saysNothing')}(${cxt.data})`);
    },
  });
  ajv.addKeyword({
    keyword: 'x-blankEntries',
    type: 'array',
    schemaType: 'boolean',
    code: (cxt) => {
      if (cxt.schema) cxt.fail(_`!${callCheck(cxt, 'blankEntries')}(${cxt.data})`);
    },
  });
  return ajv;
};

/** The documents validated on their own, by the name their generated validator is exported under. */
export const VALIDATED_DOCUMENTS = { yoshiki3: 'yoshiki3.schema.json', yoshiki4: 'yoshiki4.schema.json', snippet: 'snippet.schema.json' } as const;

/** Compile one bundled document at run time (what the generated validators must equal). */
export const compileDocument = (ajv: Ajv2020, doc: string): ValidateFunction => {
  const schema = SCHEMA_DOCUMENTS[doc];
  if (!schema) throw new Error(`no schema document ${doc}`);
  return ajv.compile(inlineRefs(schema, doc));
};

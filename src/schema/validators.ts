import type { ValidateFunction } from 'ajv';
import { formDocumentName, type FormId } from './documents.js';
import { VALIDATORS, X_MESSAGES } from './validators.gen.js';

/** The validator of one bundled schema document: generated at build time from ajv.ts, never compiled at run time. */
export const validatorForDocument = (doc: string): ValidateFunction => {
  const validate = VALIDATORS[doc];
  if (!validate) throw new Error(`no validator for ${doc}`);
  return validate;
};

/** The one document validator per form. */
export const validatorFor = (form: FormId): ValidateFunction => validatorForDocument(formDocumentName(form));

/** The x-message of the schema node whose keyword failed (ajv's schemaPath of the error), if that node has one. */
export const xMessageOf = (doc: string, schemaPath: string): string | undefined =>
  X_MESSAGES[doc]?.[schemaPath.slice(0, schemaPath.lastIndexOf('/'))];

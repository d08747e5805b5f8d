import common from '../../schemas/common.schema.json' with { type: 'json' };
import yoshiki3 from '../../schemas/yoshiki3.schema.json' with { type: 'json' };
import yoshiki4 from '../../schemas/yoshiki4.schema.json' with { type: 'json' };
import snippet from '../../schemas/snippet.schema.json' with { type: 'json' };

/** A JSON Schema object as read from schemas/*.json. */
export type SchemaObject = { readonly [keyword: string]: unknown };

export const FORM_IDS = ['yoshiki3', 'yoshiki4'] as const;
export type FormId = (typeof FORM_IDS)[number];

export const isFormId = (value: unknown): value is FormId =>
  typeof value === 'string' && (FORM_IDS as readonly string[]).includes(value);

/** Schema documents keyed by file name, the way `$ref`s name them. */
export const SCHEMA_DOCUMENTS: Readonly<Record<string, SchemaObject>> = {
  'common.schema.json': common,
  'yoshiki3.schema.json': yoshiki3,
  'yoshiki4.schema.json': yoshiki4,
  'snippet.schema.json': snippet,
};

/** The schema of one version of a standard text of the library (<dataDir>/snippets/). */
export const SNIPPET_DOCUMENT = 'snippet.schema.json';

export const formDocumentName = (form: FormId): string => `${form}.schema.json`;

export const formSchema = (form: FormId): SchemaObject => {
  const schema = SCHEMA_DOCUMENTS[formDocumentName(form)];
  if (!schema) throw new Error(`schema for ${form} is not bundled`);
  return schema;
};

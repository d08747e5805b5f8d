import type { SchemaObject } from './documents.js';
import { dereference } from './resolve.js';

/** Keywords whose value is a schema, a list of schemas, or a map of schemas: the places a `$ref` can sit. */
const SCHEMA_KEYWORDS = new Set(['items', 'not', 'if', 'then', 'else', 'additionalProperties', 'unevaluatedProperties', 'contains', 'propertyNames', 'unevaluatedItems']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** Identity and definitions have no meaning once every reference is replaced by what it names. */
const DROPPED = new Set(['$ref', '$defs', '$id']);

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A form schema with every `$ref` replaced by the schema it names (a `$ref` beside other assertions becomes one
 * more `allOf` entry, which is what `$ref` means in draft 2020-12). Ajv compiles each referenced schema into a
 * function of its own and copies the whole error list after every call, so a draft with 20,000 faulty list
 * entries took minutes to report; compiled inline, errors are appended once each. The forms are not recursive.
 */
export const inlineRefs = (schema: SchemaObject, doc: string, path: readonly SchemaObject[] = []): SchemaObject => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || (key === '$schema' && path.length > 0)) continue;
    if (SCHEMA_KEYWORDS.has(key) && isObject(value)) out[key] = inlineRefs(value, doc, path);
    else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value))
      out[key] = value.map((item: unknown) => (isObject(item) ? inlineRefs(item, doc, path) : item));
    else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, isObject(sub) ? inlineRefs(sub, doc, path) : sub]));
    else out[key] = value;
  }
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return out;
  const referenced = dereference(ref, doc);
  if (path.includes(referenced.schema)) throw new Error(`recursive $ref ${ref} in ${doc}`);
  const inner = inlineRefs(referenced.schema, referenced.doc, [...path, referenced.schema]);
  const asserts = Object.keys(out).some((key) => key !== 'title' && key !== 'description' && !key.startsWith('x-'));
  // Annotations of the referring schema win over the referenced one's, as in the rest of the schema module.
  if (!asserts) return { ...inner, ...out };
  return { ...out, allOf: [...(Array.isArray(out['allOf']) ? out['allOf'] : []), inner] };
};

import { SCHEMA_DOCUMENTS, formDocumentName, type FormId, type SchemaObject } from './documents.js';

/** A schema object together with the document its relative `$ref`s resolve against. */
export type SchemaRef = { readonly schema: SchemaObject; readonly doc: string };

/**
 * A schema node with its `$ref` chain flattened: keywords of the referring schema win over the referenced
 * one (so a use site's `title` or `x-number` overrides the shared definition), and properties are listed
 * referenced-first, which keeps the official order when a form adds fields to a shared shape.
 */
export type ResolvedNode = {
  readonly keywords: Readonly<Record<string, unknown>>;
  readonly properties: ReadonlyMap<string, readonly SchemaRef[]>;
  readonly items: readonly SchemaRef[];
};

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema a `$ref` names, with the document its own references resolve against. */
export const dereference = (ref: string, fromDoc: string): SchemaRef => {
  const [file, fragment = ''] = ref.split('#');
  const doc = file ? file : fromDoc;
  let node: unknown = SCHEMA_DOCUMENTS[doc];
  for (const part of fragment.split('/').filter(Boolean)) {
    node = isObject(node) ? node[decodeURIComponent(part)] : undefined;
  }
  if (!isObject(node)) throw new Error(`unresolvable $ref ${ref} in ${fromDoc}`);
  return { schema: node, doc };
};

/** The chain of schemas a ref stands for, the referring schema first. */
const expandChain = (start: SchemaRef): SchemaRef[] => {
  const chain: SchemaRef[] = [];
  let current: SchemaRef | undefined = start;
  while (current) {
    chain.push(current);
    const ref: unknown = current.schema['$ref'];
    current = typeof ref === 'string' ? dereference(ref, current.doc) : undefined;
  }
  return chain;
};

const cache = new WeakMap<SchemaObject, ResolvedNode>();
/**
 * Nodes merged from several schemas, by the list of references a parent node holds (its `properties` entry or
 * its `items`, which never change): every save walks the whole document through them.
 */
const mergedCache = new WeakMap<readonly SchemaRef[], ResolvedNode>();

export const resolveNode = (refs: readonly SchemaRef[]): ResolvedNode => {
  const single = refs.length === 1 ? refs[0] : undefined;
  const cached = single ? cache.get(single.schema) : mergedCache.get(refs);
  if (cached) return cached;

  const chain = refs.flatMap(expandChain);
  const keywords: Record<string, unknown> = {};
  for (const { schema } of chain) {
    for (const [key, value] of Object.entries(schema)) {
      if (key !== '$ref' && key !== 'properties' && !(key in keywords)) keywords[key] = value;
    }
  }
  const properties = new Map<string, SchemaRef[]>();
  for (const { schema, doc } of [...chain].reverse()) {
    const props = schema['properties'];
    if (!isObject(props)) continue;
    for (const [key, value] of Object.entries(props)) {
      if (!isObject(value)) continue;
      // Shallower definitions go first so their annotations win when merged.
      properties.set(key, [{ schema: value, doc }, ...(properties.get(key) ?? [])]);
    }
  }
  const items = chain.flatMap(({ schema, doc }) => (isObject(schema['items']) ? [{ schema: schema['items'], doc }] : []));
  const node: ResolvedNode = { keywords, properties, items };
  if (single) cache.set(single.schema, node);
  else mergedCache.set(refs, node);
  return node;
};

export const formRoot = (form: FormId): ResolvedNode => {
  const doc = formDocumentName(form);
  const schema = SCHEMA_DOCUMENTS[doc];
  if (!schema) throw new Error(`schema for ${form} is not bundled`);
  return resolveNode([{ schema, doc }]);
};

/** The child node for one JSON Pointer segment, or undefined when the schema has no such place. */
export const childNode = (node: ResolvedNode, segment: string): ResolvedNode | undefined => {
  if (node.items.length > 0 && /^\d+$/.test(segment)) return resolveNode(node.items);
  const refs = node.properties.get(segment);
  return refs ? resolveNode(refs) : undefined;
};

/** The schema node at a JSON Pointer into the data (list positions step into `items`), or undefined off the schema. */
export const nodeAt = (root: ResolvedNode, pointer: string): ResolvedNode | undefined =>
  splitPointer(pointer).reduce<ResolvedNode | undefined>((node, segment) => node && childNode(node, segment), root);

export const keyword = <T>(node: ResolvedNode, name: string): T | undefined => node.keywords[name] as T | undefined;

export const typesOf = (node: ResolvedNode): string[] => {
  const type = node.keywords['type'];
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
};

export const isArrayNode = (node: ResolvedNode): boolean => typesOf(node).includes('array');
export const isObjectNode = (node: ResolvedNode): boolean => node.properties.size > 0;

/** Enum options without the `null` that stands for "not answered yet". */
export const choiceOptions = (node: ResolvedNode): string[] | undefined => {
  const options = node.keywords['enum'];
  return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : undefined;
};

export const splitPointer = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The value at a JSON Pointer of plain data, or undefined when any step is missing. */
export const valueAtPointer = (data: unknown, pointer: string): unknown =>
  splitPointer(pointer).reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), data);

export const joinPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

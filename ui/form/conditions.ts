import { isBlankEntry, saysNothing } from '../../src/domain/blank.js';
import type { ResolvedNode } from '../../src/schema/resolve.js';
import { childPointer, valueAt } from './pointer.js';

/**
 * Which items do not apply with the current answers, read from the schema's `if`/`then` rules: an item the
 * `then` empties (委託しない → no 委託事項, 再委託しない → no 再委託事項) is hidden while the `if` holds; an item
 * the `then` requires (発生あり → その内容) is hidden until it does. An item that still holds a value stays
 * visible, so nothing the user wrote disappears from sight.
 */
type Schema = { readonly [keyword: string]: unknown };

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const typeMatches = (type: unknown, value: unknown): boolean => {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) =>
    t === 'object' ? isSchema(value) : t === 'null' ? value === null : t === 'array' ? Array.isArray(value) : typeof value === t,
  );
};

/** Enough of JSON Schema for the rules' `if` parts: type, const, required and nested properties. */
const holds = (schema: Schema, value: unknown): boolean => {
  if ('type' in schema && !typeMatches(schema['type'], value)) return false;
  if ('const' in schema && schema['const'] !== value) return false;
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  if (required.some((key) => !isSchema(value) || !(key in value))) return false;
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  return Object.entries(properties).every(
    ([key, sub]) => !isSchema(value) || !(key in value) || !isSchema(sub) || holds(sub, value[key]),
  );
};

const EMPTYING = (rule: Schema): boolean =>
  rule['maxItems'] === 0 || rule['type'] === 'null' || rule['x-blank'] === true || rule['x-blankEntries'] === true;

const REQUIRING = (rule: Schema): boolean => typeof rule['minLength'] === 'number' && rule['minLength'] > 0;

/** Nothing the user wrote would vanish: the value says nothing, or is a list of printed-empty slots. */
const holdsNothing = (value: unknown): boolean => saysNothing(value) || (Array.isArray(value) && value.every(isBlankEntry));

const collect = (then: Schema, pointer: string, data: unknown, ifHolds: boolean, hidden: Set<string>): void => {
  const properties = isSchema(then['properties']) ? then['properties'] : {};
  for (const [key, rule] of Object.entries(properties)) {
    if (!isSchema(rule)) continue;
    const at = childPointer(pointer, key);
    const notApplicable = (EMPTYING(rule) && ifHolds) || (REQUIRING(rule) && !ifHolds);
    if (notApplicable && holdsNothing(valueAt(data, at))) hidden.add(at);
    collect(rule, at, data, ifHolds, hidden);
  }
};

const rulesOf = (node: ResolvedNode): Schema[] => {
  const own = isSchema(node.keywords['if']) ? [node.keywords as Schema] : [];
  const allOf = Array.isArray(node.keywords['allOf']) ? node.keywords['allOf'].filter(isSchema) : [];
  return [...own, ...allOf.filter((rule) => isSchema(rule['if']))];
};

/** Pointers of this object's items (at any depth below it) that do not apply to its value as it stands. */
export const hiddenItems = (node: ResolvedNode, pointer: string, value: unknown): Set<string> => {
  const hidden = new Set<string>();
  for (const rule of rulesOf(node)) {
    const ifHolds = holds(rule['if'] as Schema, value);
    if (isSchema(rule['then'])) collect(rule['then'], '', value, ifHolds, hidden);
  }
  return new Set([...hidden].map((relative) => pointer + relative));
};

import Handlebars from 'handlebars';
import { formatWareki } from '../../domain/wareki.js';
import { isBlank } from '../../domain/blank.js';
import {
  childNode,
  firstYearStyleOf,
  formRoot,
  keyword,
  printedLabel,
  printsUnusedSlots,
  sectionHeading,
  titleOf,
  tocLabel,
  type FormId,
  type FormRevision,
  type ResolvedNode,
} from '../../schema/index.js';
import { hasMarks, marked, sidesOf } from '../layout/marks.js';
import type { MarkKind } from '../layout/types.js';
import { sectionRows } from './form-rows.js';
import { PRECOMPILED, type TemplateSpec } from './precompiled-templates.js';
import { mergeText, mergeValue } from './redline.js';
import { isRecord } from './value-views.js';

/** Template sources as read by the store: documents by name (`yoshiki3/令和７年５月`) and partials by name. */
export type TemplateSources = { readonly documents: Readonly<Record<string, string>>; readonly partials: Readonly<Record<string, string>> };

/** What every template renders from. `changeRows` are the rows of the 変更箇所 table (stored, not diffed). */
export type RenderContext = {
  readonly form: FormId;
  readonly revision: FormRevision;
  readonly data: Record<string, unknown>;
  /** A row a reviewer's copy prints as inserted or deleted carries `mark`. */
  readonly changeRows: readonly Record<string, unknown>[];
  /** The 公表版: values withheld whole print as the marker (their text is already out of `data`). */
  readonly withheld?: { readonly values: ReadonlySet<string>; readonly marker: string };
  /** A reviewer's copy: the older version, whose differences from `data` are marked. */
  readonly against?: Record<string, unknown>;
};

const LABEL_WIDTH = 128;
const SIDE_LABEL_WIDTH = 20;

const segmentsOf = (pointer: string): string[] => pointer.split('/').slice(1);

const nodeAt = (form: FormId, pointer: string): ResolvedNode => {
  let node = formRoot(form);
  for (const segment of segmentsOf(pointer)) {
    const next = childNode(node, segment);
    if (!next) throw new Error(`template refers to ${pointer}, which the ${form} schema does not have`);
    node = next;
  }
  return node;
};

const valueAt = (data: unknown, pointer: string): unknown =>
  segmentsOf(pointer).reduce<unknown>((value, segment) => (isRecord(value) ? value[segment] : Array.isArray(value) ? value[Number(segment)] : undefined), data);

const rootOf = (options: Handlebars.HelperOptions): RenderContext => options.data.root as RenderContext;

const fileCount = (context: RenderContext): number => (Array.isArray(context.data['files']) ? context.data['files'].length : 0);

/** The 項目一覧: the parts in the form's order (x-toc), each line as the form prints it. */
const tocOf = (context: RenderContext): string[] => {
  const root = formRoot(context.form);
  return (keyword<string[]>(root, 'x-toc') ?? []).map((pointer) => {
    const [, key = '', part] = pointer.split('/');
    const node = part === undefined ? childNode(root, key)! : childNode(childNode(childNode(root, key)!, '0')!, part)!;
    return tocLabel(node, context.revision);
  });
};

/** 変更日 of a 変更箇所 row: an imported row's own spelling (dateText), else the date in the document's style. */
const rowDate = (row: unknown, context: RenderContext): string => {
  const record = isRecord(row) ? row : {};
  const mark = record['mark'] as MarkKind | undefined;
  const text =
    typeof record['dateText'] === 'string' && !isBlank(record['dateText'])
      ? record['dateText']
      : typeof record['date'] === 'string' ? formatWareki(record['date'], firstYearStyleOf(context.data)) : '';
  return mark ? marked(mark, text) : text;
};

/** A 和暦 date; in a reviewer's copy a changed date prints both versions, marked. */
const warekiOf = (iso: unknown, context: RenderContext): string => {
  if (typeof iso !== 'string') return '';
  const style = firstYearStyleOf(context.data);
  if (!hasMarks(iso)) return formatWareki(iso, style);
  const { before, after } = sidesOf(iso);
  const format = (date: string): string => (date === '' ? '' : formatWareki(date, style));
  return mergeText(format(before), format(after));
};

const registerHelpers = (hb: typeof Handlebars): void => {
  hb.registerHelper('rows', function (pointer: string, options: Handlebars.HelperOptions) {
    const context = rootOf(options);
    return sectionRows(context.form, context.data, pointer, {
      revision: context.revision,
      firstYear: firstYearStyleOf(context.data),
      unusedSlots: printsUnusedSlots(context.data),
      labelWidth: LABEL_WIDTH,
      sideLabelWidth: SIDE_LABEL_WIDTH,
      ...(context.withheld ? { withheld: context.withheld } : {}),
      ...(context.against ? { against: context.against } : {}),
    });
  });
  hb.registerHelper('rowPartial', (kind: string) => `row-${kind}`);
  hb.registerHelper('schemaLabel', (pointer: string, options: Handlebars.HelperOptions) => {
    const context = rootOf(options);
    return printedLabel(nodeAt(context.form, pointer), context.revision) ?? '';
  });
  hb.registerHelper('schemaTitle', (pointer: string, options: Handlebars.HelperOptions) => {
    const context = rootOf(options);
    return titleOf(nodeAt(context.form, pointer), context.revision) ?? '';
  });
  hb.registerHelper('formName', (options: Handlebars.HelperOptions) => keyword<{ name: string }>(formRoot(rootOf(options).form), 'x-form')?.name ?? '');
  hb.registerHelper('sectionHeading', (pointer: string, options: Handlebars.HelperOptions) => {
    const context = rootOf(options);
    return sectionHeading(nodeAt(context.form, pointer), context.revision);
  });
  hb.registerHelper('get', (pointer: string, options: Handlebars.HelperOptions) => {
    const context = rootOf(options);
    const current = valueAt(context.data, pointer);
    const value = context.against ? mergeValue(valueAt(context.against, pointer), current) : current;
    return value === null || value === undefined ? '' : value;
  });
  hb.registerHelper('formTitle', (options: Handlebars.HelperOptions) => titleOf(formRoot(rootOf(options).form)) ?? '');
  hb.registerHelper('concatPointer', (pointer: string, rest: string) => `${pointer}${rest}`);
  hb.registerHelper('wareki', (iso: unknown, options: Handlebars.HelperOptions) => warekiOf(iso, rootOf(options)));
  hb.registerHelper('rowDate', (row: unknown, options: Handlebars.HelperOptions) => rowDate(row, rootOf(options)));
  hb.registerHelper('files', (part: string, options: Handlebars.HelperOptions) =>
    Array.from({ length: fileCount(rootOf(options)) }, (_, index) => `/files/${index}/${part}`),
  );
  hb.registerHelper('toc', (options: Handlebars.HelperOptions) => tocOf(rootOf(options)));
  hb.registerHelper('list', (pointer: string, options: Handlebars.HelperOptions) => {
    const context = rootOf(options);
    const current = valueAt(context.data, pointer);
    const value = context.against ? mergeValue(valueAt(context.against, pointer), current) : current;
    return Array.isArray(value) ? value : [];
  });
  hb.registerHelper('join', (items: unknown, separator: string) => (Array.isArray(items) ? items.map(String).join(separator) : ''));
};

/** How every template compiles, at run time or at build time (scripts/bundle-plugins.mjs passes the same). */
const TEMPLATE_OPTIONS = { strict: true } as const;

export type TemplateEnv = { readonly render: (document: string, context: RenderContext) => string; readonly has: (document: string) => boolean };

/**
 * An isolated Handlebars environment (never the global one) with the renderer's helpers and partials. Templates
 * compile in strict mode, so a misspelt field is an error instead of a blank cell. Output is markup, so
 * Handlebars' HTML escaping stays on: it is what keeps a value from ever being read as a tag.
 */
export const createTemplateEnv = (sources: TemplateSources, precompiled: ReadonlyMap<string, TemplateSpec> = PRECOMPILED): TemplateEnv => {
  const hb = Handlebars.create();
  registerHelpers(hb);
  // The build's compilation of this very text when it has one (scripts/bundle-plugins.mjs compiles with these options).
  const compile = (source: string): Handlebars.TemplateDelegate => {
    const spec = precompiled.get(source);
    return spec ? hb.template(spec) : hb.compile(source, TEMPLATE_OPTIONS);
  };
  for (const [name, source] of Object.entries(sources.partials)) hb.registerPartial(name, compile(source));
  const compiled = new Map(Object.entries(sources.documents).map(([name, source]) => [name, compile(source)]));
  return {
    has: (document) => compiled.has(document),
    render: (document, context) => {
      const template = compiled.get(document);
      if (!template) throw new Error(`no template ${document}`);
      return template(context);
    },
  };
};

/**
 * Publication (rules.md §8): the 提出版 and the 公表版 of a revision (or of the draft), a reviewer's redline between
 * two versions, the bundle of a submitted or published revision, and the verification of a PDF against the
 * revision it names. The PDFs are rendered by the front end's renderer (fonts, templates and images are its);
 * everything they are made from, and every rule about it, is decided here once.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { ChangeRow } from '../domain/assessment.gen.js';
import type { PrintVariant, PublicationSource } from '../domain/publication.js';
import { AppError } from '../errors.js';
import { PUBLICATION_MESSAGES_JA as M, REVISION_STATUS_JA, fillMessage } from '../messages.ja.js';
import { validateAssessment, type FormId } from '../schema/index.js';
import { leaksOf, publicVersion, withholdInRow } from '../withheld/index.js';
import type { Workflow } from './context.js';
import { printSource, titleOf, type PrintSource } from './print.js';
import { readRecord } from './record.js';
import { STATE_RULES } from './revision-states.js';

/** Everything one PDF is made from; the front end's renderer turns it into bytes. */
export type RenderRequest = {
  readonly form: FormId;
  readonly data: Record<string, unknown>;
  readonly changeRows: readonly ChangeRow[];
  /** Diagram images the document names, by file name. */
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** The 公表版: values withheld whole print as the marker (the data and rows are already the 公表版's). */
  readonly withheld?: { readonly values: ReadonlySet<string>; readonly marker: string };
  /** A reviewer's copy: the older version whose differences are marked. */
  readonly redline?: { readonly against: Record<string, unknown>; readonly againstRows: readonly ChangeRow[]; readonly legend?: string };
  /** Document information: what the PDF is (Subject) and the publication stamp. */
  readonly info: Readonly<Record<string, string>>;
  readonly attachments?: readonly { readonly name: string; readonly bytes: Uint8Array; readonly mime: string; readonly description: string }[];
};

/** What the front end lends the publication use cases: the renderer and the bundle YAML's format (the store's). */
export type PublicationTools = {
  readonly render: (request: RenderRequest) => Promise<Uint8Array>;
  /** The image files a document's diagrams name. */
  readonly imageFiles: (data: Record<string, unknown>) => string[];
  readonly encode: (source: PublicationSource) => string;
  readonly decode: (text: string, name: string) => PublicationSource;
  /** A PDF's document information and embedded files. */
  readonly inspect: (pdf: Uint8Array) => {
    readonly pages: number;
    readonly info: Readonly<Record<string, string>>;
    readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  };
};

/** The publication stamp: document information entries naming what a PDF was rendered from. */
export const STAMP_KEYS = {
  assessment: 'PiaAssessment',
  revision: 'PiaRevision',
  variant: 'PiaVariant',
  source: 'PiaSourceSHA256',
  against: 'PiaAgainst',
} as const;

export type Variant = PrintVariant | 'redline';

const SUBJECTS: Readonly<Record<PrintVariant, string>> = { public: M.subjectPublic, submission: M.subjectSubmission };
const VARIANT_NAMES: Readonly<Record<Variant, string>> = { public: M.variantPublic, submission: M.variantSubmission, redline: M.variantRedline };
export const variantName = (variant: Variant): string => VARIANT_NAMES[variant];

export const sha256Hex = (bytes: Uint8Array | string): string => bytesToHex(sha256(typeof bytes === 'string' ? utf8ToBytes(bytes) : bytes));

/**
 * The 公表版 of a document and its rows: every flagged span and value replaced, the same texts withheld in the
 * 変更箇所 rows. Refused (WITHHELD_UNRESOLVED) while a flag no longer matches the text or a withheld text stands
 * unflagged elsewhere: what the officer meant to withhold might be printed.
 */
const publicParts = (form: FormId, data: Record<string, unknown>, changeRows: readonly ChangeRow[]) => {
  const version = publicVersion(form, data);
  const leaks = leaksOf(form, version);
  if (version.unresolved.length > 0 || leaks.length > 0) {
    throw new AppError('WITHHELD_UNRESOLVED', fillMessage(M.unresolved, { count: version.unresolved.length + leaks.length }), {
      unresolved: version.unresolved.map((flag) => ({ index: flag.index, pointer: flag.entry.pointer, state: flag.state })),
      leaks: leaks.map((leak) => leak.pointer),
    });
  }
  return {
    data: version.data,
    changeRows: changeRows.map((row) => withholdInRow(row, version)),
    withheld: { values: version.withheldValues, marker: version.marker },
  };
};

/** A PDF made from a revision's bundle YAML carries the stamp; the 提出版 also carries the YAML itself. */
type Stamp = { readonly assessment: string; readonly revision: number; readonly yaml: string };

const variantRequest = (
  source: Pick<PrintSource, 'form' | 'data' | 'changeRows'>,
  variant: PrintVariant,
  images: ReadonlyMap<string, Uint8Array>,
  stamp?: Stamp,
): RenderRequest => {
  const parts = variant === 'public' ? publicParts(source.form, source.data, source.changeRows) : { data: source.data, changeRows: source.changeRows };
  const info = {
    Subject: SUBJECTS[variant],
    ...(stamp
      ? {
          [STAMP_KEYS.assessment]: stamp.assessment,
          [STAMP_KEYS.revision]: String(stamp.revision),
          [STAMP_KEYS.variant]: variant,
          [STAMP_KEYS.source]: sha256Hex(stamp.yaml),
        }
      : {}),
  };
  // The source (with the withheld parts and the officers' records) goes with the 提出版 only, never the 公表版.
  const attachments =
    stamp && variant === 'submission'
      ? [{ name: sourceFileName(stamp.assessment, stamp.revision), bytes: utf8ToBytes(stamp.yaml), mime: 'application/yaml', description: fillMessage(M.sourceDescription, { number: stamp.revision }) }]
      : undefined;
  return { form: source.form, images, info, ...parts, ...(attachments ? { attachments } : {}) };
};

const imagesFor = (workflow: Workflow, tools: Pick<PublicationTools, 'imageFiles'>, data: Record<string, unknown>) =>
  workflow.store.readImages(tools.imageFiles(data));

/** What a revision's PDFs are made from, as the bundle's YAML holds it. */
export const publicationSource = async (workflow: Workflow, n: number): Promise<PublicationSource> => {
  const history = await readRecord(workflow.store);
  const revision = history.find((candidate) => candidate.number === n);
  const print = await printSource(workflow, n);
  return {
    assessment: workflow.store.id,
    revision: n,
    status: revision!.status,
    changeDate: revision!.changeDate,
    data: print.data,
    changeRows: print.changeRows,
  };
};

const fromSource = (source: PublicationSource): Pick<PrintSource, 'form' | 'data' | 'changeRows'> => {
  const { form, issues } = validateAssessment(source.data);
  if (!form || issues.length > 0) throw new AppError('ASSESSMENT_INVALID', fillMessage(M.sourceInvalid, { file: `${source.assessment} r${source.revision}` }), { issues });
  return { form, data: source.data, changeRows: source.changeRows };
};

/**
 * A revision's bundle YAML, and what its PDFs are rendered from: the YAML read back, so that a PDF made now and
 * one re-rendered from the YAML by `verify` come from the very same data.
 */
const revisionYaml = async (workflow: Workflow, n: number, tools: PublicationTools) => {
  const source = await publicationSource(workflow, n);
  const yaml = tools.encode(source);
  return { source, yaml, print: fromSource(tools.decode(yaml, sourceFileName(source.assessment, n))) };
};

/**
 * One variant of the draft (no `revision`) or of revision n. A revision's PDFs carry the publication stamp (which
 * revision, which variant, the SHA-256 of its bundle YAML) so that `verify` can tell them; the draft's do not.
 */
export const printVariant = async (
  workflow: Workflow,
  revision: number | undefined,
  variant: PrintVariant,
  tools: PublicationTools,
): Promise<{ request: RenderRequest; title: string }> => {
  const print = await printSource(workflow, revision);
  const images = await imagesFor(workflow, tools, print.data);
  const frozen = revision === undefined ? undefined : await revisionYaml(workflow, revision, tools);
  const request = frozen
    ? variantRequest(frozen.print, variant, images, { assessment: workflow.store.id, revision: revision!, yaml: frozen.yaml })
    : variantRequest(print, variant, images);
  // The title names the download: a 公表版's is its own (withheld) title, so not even its file name tells a withheld text.
  return { request, title: titleOf(request.data, workflow.store.id) };
};

/** A reviewer's copy of `to` (a revision or the draft) with the changes since revision `from` marked. */
export const redlineRequest = async (
  workflow: Workflow,
  pair: { readonly from: number; readonly to: number | 'draft' },
  tools: Pick<PublicationTools, 'imageFiles'>,
): Promise<{ request: RenderRequest; title: string }> => {
  const [older, newer] = await Promise.all([printSource(workflow, pair.from), printSource(workflow, pair.to === 'draft' ? undefined : pair.to)]);
  const toName = pair.to === 'draft' ? M.draftName : fillMessage(M.revisionName, { number: pair.to });
  const fromName = fillMessage(M.revisionName, { number: pair.from });
  const request: RenderRequest = {
    form: newer.form,
    data: newer.data,
    changeRows: newer.changeRows,
    images: await imagesFor(workflow, tools, newer.data),
    redline: { against: older.data, againstRows: older.changeRows, legend: fillMessage(M.redlineLegend, { from: fromName, to: toName }) },
    info: {
      Subject: `${fillMessage(M.subjectRedline, { from: fromName })}: ${toName}`,
      [STAMP_KEYS.assessment]: workflow.store.id,
      [STAMP_KEYS.revision]: String(pair.to),
      [STAMP_KEYS.variant]: 'redline',
      [STAMP_KEYS.against]: String(pair.from),
    },
  };
  return { request, title: newer.title };
};

export type BundleFile = { readonly name: string; readonly role: 'public' | 'submission' | 'source' | 'image' | 'manifest'; readonly bytes: Uint8Array };
export type BundleManifest = {
  readonly format: 'pia-publication/1';
  readonly assessment: string;
  readonly title: string;
  readonly revision: number;
  readonly status: string;
  readonly changeDate: string;
  readonly files: readonly { readonly name: string; readonly role: BundleFile['role']; readonly sha256: string; readonly bytes: number }[];
};

export const sourceFileName = (assessment: string, revision: number): string => `${assessment}-r${revision}.yaml`;
const pdfFileName = (assessment: string, revision: number, variant: PrintVariant): string => `${assessment}-r${revision}-${variantName(variant)}.pdf`;

/**
 * The bundle of a submitted or published revision: its 公表版 and 提出版, its YAML (the source both were rendered
 * from, which the 提出版 also carries), the diagram images it names, and a manifest with the SHA-256 of each file.
 */
export const publishRevision = async (workflow: Workflow, n: number, tools: PublicationTools): Promise<{ files: BundleFile[]; manifest: BundleManifest }> => {
  const revision = (await readRecord(workflow.store)).find((candidate) => candidate.number === n);
  if (!revision) await workflow.store.readRevision(n); // REVISION_NOT_FOUND, with the store's message
  if (!STATE_RULES[revision!.status].printed) {
    throw new AppError('PUBLICATION_NOT_READY', fillMessage(M.notPublishable, { number: n, status: REVISION_STATUS_JA[revision!.status] }), { revision: n, status: revision!.status });
  }
  const { source, yaml, print } = await revisionYaml(workflow, n, tools);
  const images = await imagesFor(workflow, tools, source.data);
  const stamp = { assessment: source.assessment, revision: n, yaml };
  const pdfs = await Promise.all(
    (['public', 'submission'] as const).map(async (variant): Promise<BundleFile> => ({
      name: pdfFileName(source.assessment, n, variant),
      role: variant,
      bytes: await tools.render(variantRequest(print, variant, images, stamp)),
    })),
  );
  const files: BundleFile[] = [
    ...pdfs,
    { name: sourceFileName(source.assessment, n), role: 'source', bytes: utf8ToBytes(yaml) },
    ...[...images].map(([name, bytes]): BundleFile => ({ name, role: 'image', bytes })),
  ];
  const cover = source.data['cover'] as Record<string, unknown> | undefined;
  const manifest: BundleManifest = {
    format: 'pia-publication/1',
    assessment: source.assessment,
    title: typeof cover?.['title'] === 'string' ? cover['title'] : '',
    revision: n,
    status: source.status,
    changeDate: source.changeDate,
    files: files.map((file) => ({ name: file.name, role: file.role, sha256: sha256Hex(file.bytes), bytes: file.bytes.byteLength })),
  };
  const manifestFile: BundleFile = { name: 'manifest.json', role: 'manifest', bytes: utf8ToBytes(`${JSON.stringify(manifest, null, 2)}\n`) };
  return { files: [...files, manifestFile], manifest };
};

/** Where the revision's YAML comes from for a verification: a bundle's YAML, or the assessment's own record. */
export type VerifySource =
  | { readonly kind: 'yaml'; readonly text: string; readonly name: string; readonly images: (files: readonly string[]) => Promise<ReadonlyMap<string, Uint8Array>> }
  | { readonly kind: 'record'; readonly workflow: Workflow };

export type Verification =
  /** Not a PDF this tool stamped (or a draft's, which carries no stamp). */
  | { readonly verdict: 'unstamped' }
  | { readonly verdict: 'redline'; readonly assessment: string; readonly revision: string; readonly against: string }
  /** A 公表版 carries no source: the revision's YAML (or its assessment) must be given. */
  | { readonly verdict: 'needsSource'; readonly assessment: string; readonly revision: number; readonly variant: PrintVariant }
  /** The YAML given is not the one the PDF names (another revision, or an edited YAML). */
  | { readonly verdict: 'otherSource'; readonly assessment: string; readonly revision: number; readonly variant: PrintVariant }
  | { readonly verdict: 'unaltered' | 'altered'; readonly assessment: string; readonly revision: number; readonly variant: PrintVariant; readonly sourceSha256: string };

const decodeText = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);

/**
 * Whether a PDF is an unaltered rendering of the revision it names: its stamp names the revision, the variant and
 * the SHA-256 of the revision's YAML; the YAML must have that hash, and rendering that variant from it again must
 * give the PDF's bytes exactly. The 提出版 carries its YAML, so it verifies on its own.
 */
export const verifyPdf = async (pdf: Uint8Array, given: VerifySource | undefined, tools: PublicationTools): Promise<Verification> => {
  const { info, files } = tools.inspect(pdf);
  const assessment = info[STAMP_KEYS.assessment];
  const variant = info[STAMP_KEYS.variant];
  const revisionText = info[STAMP_KEYS.revision];
  if (assessment === undefined || revisionText === undefined || variant === undefined) return { verdict: 'unstamped' };
  if (variant === 'redline') return { verdict: 'redline', assessment, revision: revisionText, against: info[STAMP_KEYS.against] ?? '' };
  const revision = Number(revisionText);
  const expected = info[STAMP_KEYS.source];
  if ((variant !== 'public' && variant !== 'submission') || !Number.isInteger(revision) || expected === undefined) return { verdict: 'unstamped' };
  const named = { assessment, revision, variant } as const;
  let text: string | undefined;
  let images: (files: readonly string[]) => Promise<ReadonlyMap<string, Uint8Array>> = async () => new Map();
  if (given?.kind === 'yaml') {
    text = given.text;
    images = given.images;
  } else if (given?.kind === 'record') {
    text = tools.encode(await publicationSource(given.workflow, revision));
    images = (names) => given.workflow.store.readImages(names);
  } else {
    const attached = files.find((file) => file.name === sourceFileName(assessment, revision));
    if (attached) text = decodeText(attached.bytes);
  }
  if (text === undefined) return { verdict: 'needsSource', ...named };
  if (sha256Hex(text) !== expected) return { verdict: 'otherSource', ...named };
  const source = tools.decode(text, given?.kind === 'yaml' ? given.name : sourceFileName(assessment, revision));
  if (source.assessment !== assessment || source.revision !== revision) return { verdict: 'otherSource', ...named };
  const request = variantRequest(fromSource(source), variant, await images(tools.imageFiles(source.data)), { assessment, revision, yaml: text });
  const rendered = await tools.render(request);
  return { verdict: bytesEqual(rendered, pdf) ? 'unaltered' : 'altered', ...named, sourceSha256: expected };
};

import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiledTemplatesModule } from '../../scripts/bundle-plugins.mjs';
import type { TemplateSpec } from '../../src/render/text/precompiled-templates.js';
import { createTemplateEnv, type RenderContext } from '../../src/render/text/template-env.js';
import type { FormId, FormRevision } from '../../src/schema/index.js';
import { DEFAULT_TEMPLATES_DIR, loadAssessment, readTemplates, type TemplateFiles } from '../../src/store/index.js';
import { FIXTURES, SEEDS, fixtureFile, makeTempDir, seedFile } from '../helpers/seeds.js';

type Precompiled = ReadonlyMap<string, TemplateSpec>;

const documents = [...SEEDS.map((seed) => seedFile(seed.dir)), ...FIXTURES.map(fixtureFile)];

/** What the templates print for a document, as renderMarkup asks them (the document's own 変更箇所 rows). */
const markupOf = (sources: TemplateFiles, precompiled: Precompiled, form: FormId, data: Record<string, unknown>): string => {
  const revision = String(data['formRevision']) as FormRevision;
  const rows = Array.isArray(data['changeHistory']) ? (data['changeHistory'] as Record<string, unknown>[]) : [];
  const context: RenderContext = { form, revision, data, changeRows: rows };
  return createTemplateEnv(sources, precompiled).render(`${form}/${revision}`, context);
};

describe('templates precompiled by the CLI build (scripts/build.mjs)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let sources: TemplateFiles;
  /** The module the bundle gets, imported as the bundle would run it. */
  const load = async (dir: string, name: string): Promise<Precompiled> => {
    const file = path.join(temp.dir, `${name}.mjs`);
    await writeFile(file, await precompiledTemplatesModule(dir));
    return ((await import(pathToFileURL(file).href)) as { PRECOMPILED: Precompiled }).PRECOMPILED;
  };

  beforeAll(async () => {
    temp = await makeTempDir();
    sources = await readTemplates(DEFAULT_TEMPLATES_DIR);
  });
  afterAll(() => temp.cleanup());

  it('hold every template of the repository, keyed by its text', async () => {
    const precompiled = await load(DEFAULT_TEMPLATES_DIR, 'all');
    const texts = [...Object.values(sources.documents), ...Object.values(sources.partials)];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) expect(precompiled.has(text)).toBe(true);
  });

  it('print what the templates compiled at run time print, for every sample and fixture', async () => {
    const precompiled = await load(DEFAULT_TEMPLATES_DIR, 'same');
    for (const file of documents) {
      const { form, data } = await loadAssessment(file);
      const markup = markupOf(sources, precompiled, form!, data);
      expect(markup.length).toBeGreaterThan(10_000);
      expect(markup).toBe(markupOf(sources, new Map(), form!, data));
    }
  });

  it('stay strict: a field the context lacks is an error, not a blank cell', async () => {
    const dir = path.join(temp.dir, 'probe');
    const text = '<p>{{notThere}}</p>';
    await mkdir(path.join(dir, 'probe'), { recursive: true });
    await writeFile(path.join(dir, 'probe', 'x.hbs'), text);
    const precompiled = await load(dir, 'strict');
    expect(precompiled.has(text)).toBe(true);
    const env = createTemplateEnv({ documents: { 'probe/x': text }, partials: {} }, precompiled);
    expect(() => env.render('probe/x', {} as RenderContext)).toThrow(/notThere/);
  });

  it('are never used for a template edited since the build: its text finds no entry', async () => {
    const edited = path.join(temp.dir, 'templates');
    await cp(DEFAULT_TEMPLATES_DIR, edited, { recursive: true });
    const cover = path.join(edited, 'partials', 'cover.hbs');
    await writeFile(cover, `${await readFile(cover, 'utf8')}{{!-- an older version --}}`);
    const stale = await load(edited, 'stale');
    // The build saw another cover than the one the renderer reads: that one partial compiles at run time.
    expect(stale.has(sources.partials['cover']!)).toBe(false);
    const { form, data } = await loadAssessment(seedFile(SEEDS[2].dir));
    expect(markupOf(sources, stale, form!, data)).toBe(markupOf(sources, new Map(), form!, data));
  });
});

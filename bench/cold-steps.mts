/**
 * Where a cold `pia validate` / `pia render` process spends its time, step by step, in one fresh process: node's own
 * start (until this module runs), loading the modules each step needs, getting the document validator (compiling
 * the schema at run time, or loading the generated one), reading the draft as the store does (YAML, validation),
 * reading fonts and templates, laying out, painting, writing the PDF. bench/cold.mts bundles this file like the CLI and runs it in a new process with the CLI's code cache loader;
 * it prints one JSON line of milliseconds, wall and CPU.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const file = process.argv[2]!;
// CPU time (user + system) beside wall time: on a shared machine the CPU a step used moves far less than its wall time.
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const steps: Record<string, number> = { 'node start': performance.now() };
const cpu: Record<string, number> = { 'node start': cpuNow() };
let last = performance.now();
let lastCpu = cpuNow();
const step = (name: string): void => {
  const now = performance.now();
  const nowCpu = cpuNow();
  steps[name] = now - last;
  cpu[name] = nowCpu - lastCpu;
  last = now;
  lastCpu = nowCpu;
};

// No top-level await: bench/cold.mts bundles this file into CommonJS, as the CLI is.
const main = async (): Promise<void> => {
  const schema = await import('../src/schema/index.js');
  const { createDraftCache, readDraftFile } = await import('../src/store/drafts.js');
  const { useYamlCache } = await import('../src/store/yaml-cache.js');
  // As the bundled CLI keeps it (src/cli/main.ts): a folder of this bundle's own.
  const bundle = fileURLToPath(import.meta.url);
  useYamlCache(path.join(path.dirname(bundle), 'pia-cache', `yaml-${path.basename(bundle, '.cjs')}`));
  step('load modules (schema, YAML)');
  schema.validateAssessment({ form: 'yoshiki4' });
  step('document validator');
  // As `pia render` reads it: through the store's draft cache, which parses (from the YAML cache) and validates.
  // Reading it another way hid a whole parse of the YAML tree that the draft cache asked for (~0.2 s).
  const draft = await readDraftFile(file, path.basename(path.dirname(file)), createDraftCache());
  const { form, issues } = draft;
  if (issues.length > 0) throw new Error(`${file} has ${issues.length} issues`);
  step('read draft (YAML cached by content, validated)');
  const render = await import('../src/render/index.js');
  const store = await import('../src/store/render-assets.js');
  step('load modules (render)');
  const [fonts, templates] = await Promise.all([store.readFonts(), store.readTemplates(store.DEFAULT_TEMPLATES_DIR)]);
  step('read fonts + templates');
  const assets = { fonts, templates, images: new Map<string, Uint8Array>() };
  const data = draft.data;
  const tree = render.layoutAssessment(form!, data, assets);
  step('layout (templates, fonts parsed, lines broken)');
  render.layoutAssessment(form!, data, assets);
  const warmLayout = performance.now() - last;
  const warmLayoutCpu = cpuNow() - lastCpu;
  step('(layout again, warm)');
  const { pdf } = await render.renderPdfBuffer(form!, data, assets);
  step('paint (renderPdfBuffer minus a warm layout)');
  steps['paint (renderPdfBuffer minus a warm layout)']! -= warmLayout;
  cpu['paint (renderPdfBuffer minus a warm layout)']! -= warmLayoutCpu;
  const { writeFileAtomic } = await import('../src/store/atomic-write.js');
  await writeFileAtomic(path.join(os.tmpdir(), `pia-cold-steps-${process.pid}.pdf`), pdf);
  await rm(path.join(os.tmpdir(), `pia-cold-steps-${process.pid}.pdf`));
  step('write the PDF (atomically)');
  console.log(JSON.stringify({ steps, cpu, pages: tree.pages.length, bytes: pdf.length }));
};

void main();

/**
 * Where a cold `pia validate` / `pia render` process spends its time, step by step, in one fresh process: node's own
 * start (until this module runs), loading the modules each step needs, getting the document validator (compiling
 * the schema at run time, or loading the generated one), reading and parsing the YAML, validating, reading fonts
 * and templates, laying out, painting. bench/cold.mts bundles this file like the CLI and runs it in a new process with the CLI's code cache loader;
 * it prints one JSON line of milliseconds, wall and CPU.
 */
import { readFile } from 'node:fs/promises';
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
  const { decodeUtf8 } = await import('../src/store/yaml-parse.js');
  const { parseYamlCached, useYamlCache } = await import('../src/store/yaml-cache.js');
  // As the bundled CLI keeps it (src/cli/main.ts): a folder of this bundle's own.
  const bundle = fileURLToPath(import.meta.url);
  useYamlCache(path.join(path.dirname(bundle), 'pia-cache', `yaml-${path.basename(bundle, '.cjs')}`));
  step('load modules (schema, YAML)');
  schema.validateAssessment({ form: 'yoshiki4' });
  step('document validator');
  const bytes = await readFile(file);
  const parsed = parseYamlCached(decodeUtf8(bytes, file), file);
  step('read + parse YAML (cached by content)');
  const { form, issues } = schema.validateAssessment(parsed.data);
  if (issues.length > 0) throw new Error(`${file} has ${issues.length} issues`);
  step('validate');
  const render = await import('../src/render/index.js');
  const store = await import('../src/store/render-assets.js');
  step('load modules (render)');
  const [fonts, templates] = await Promise.all([store.readFonts(), store.readTemplates(store.DEFAULT_TEMPLATES_DIR)]);
  step('read fonts + templates');
  const assets = { fonts, templates, images: new Map<string, Uint8Array>() };
  const data = parsed.data as Record<string, unknown>;
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
  console.log(JSON.stringify({ steps, cpu, pages: tree.pages.length, bytes: pdf.length }));
};

void main();

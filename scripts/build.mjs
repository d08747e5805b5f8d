#!/usr/bin/env node
/**
 * Builds what `npm start` runs: the web UI (vite → ui/dist) and the server bundle (esbuild → dist/server.mjs and
 * its chunks), and what bin/pia.js runs: the CLI bundle (dist/pia.mjs and its chunks). Each build records the source files that went into it with their size and mtime (dist/stamps/);
 * an output is rebuilt only when one of those changed, so a start after `npm install` (which builds both, as the
 * prepare script) costs a few hundred stat calls and never a build, while an edited source is never hidden behind a
 * stale bundle.
 *
 *   node scripts/build.mjs [--force] [ui] [server] [cli]     (no target: all three)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRY = path.join(ROOT, 'dist', 'server.mjs');
const STAMPS = path.join(ROOT, 'dist', 'stamps');
/** Dependency versions: a changed lock file may change any bundle. */
const ALWAYS = ['package-lock.json'];

const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');

const filesUnder = async (dir, skip) =>
  (await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(path.join(entry.parentPath, entry.name)))
    .filter((file) => !skip.some((prefix) => file.startsWith(prefix)));

/** Sources of the project (not node_modules, not virtual modules) among the ids a bundler reports. */
const projectFiles = (ids) =>
  ids
    .map((id) => id.split('?')[0])
    .filter((id) => path.isAbsolute(id) && id.startsWith(ROOT + path.sep) && !id.includes(`${path.sep}node_modules${path.sep}`))
    .map(relative);

const buildUi = async () => {
  const { build } = await import('vite');
  const results = await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const ids = [results].flat().flatMap((result) => result.output.flatMap((chunk) => chunk.moduleIds ?? []));
  // index.html and the stylesheets it links are assets, not chunk modules: everything under ui/ counts.
  return [...projectFiles(ids), ...(await filesUnder('ui', ['ui/dist/'])), 'vite.config.ts'];
};

/**
 * One esbuild bundle of a Node entry point into dist/ (next to each other, so import.meta.dirname/.. is the
 * project root as it is for src/), split at dynamic imports so that what only some paths need loads on first use.
 */
const bundleNode = async (name, entryPoints) => {
  const esbuild = await import('esbuild');
  const dist = path.join(ROOT, 'dist');
  const own = new RegExp(`^${name}[.-]`);
  for (const old of (await readdir(dist).catch(() => [])).filter((file) => own.test(file))) await rm(path.join(dist, old));
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: `${name}-[name]-[hash]`,
    metafile: true,
    logLevel: 'warning',
  });
  return projectFiles(Object.keys(result.metafile.inputs).map((input) => path.resolve(ROOT, input)));
};

// The server: the PDF renderer (pdfkit, fontkit, handlebars) loads on the first PDF request, not at start; the PDF
// render worker is an entry of its own (src/server/render-pool.ts starts it beside the bundle).
const buildServer = () => bundleNode('server', { server: 'src/main.ts', 'server-render-worker': 'src/server/render-worker.ts' });
// The CLI: each command's modules load when that command runs (src/cli/run.ts), so `pia --help` loads almost nothing.
const buildCli = () => bundleNode('pia', { pia: 'src/cli/main.ts' });

const TARGETS = {
  ui: { output: 'ui/dist/index.html', build: buildUi },
  server: { output: 'dist/server.mjs', build: buildServer },
  cli: { output: 'dist/pia.mjs', build: buildCli },
};

const signature = async (files) => {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = await stat(path.join(ROOT, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
};

const stampFile = (name) => path.join(STAMPS, `${name}.json`);

/** Whether the output exists and none of the files it was built from changed since. */
export const isFresh = async (name) => {
  try {
    await stat(path.join(ROOT, TARGETS[name].output));
    const { files, signature: recorded } = JSON.parse(await readFile(stampFile(name), 'utf8'));
    return (await signature(files)) === recorded;
  } catch {
    return false;
  }
};

/** Build each named output that is missing or stale (or every one, with force). Resolves to the names built. */
export const ensureBuilt = async (names = Object.keys(TARGETS), { force = false, log = () => {} } = {}) => {
  const built = [];
  for (const name of names) {
    if (!TARGETS[name]) throw new Error(`unknown build target: ${name}`);
    if (!force && (await isFresh(name))) continue;
    log(name);
    const files = [...new Set([...(await TARGETS[name].build()), ...ALWAYS])].sort();
    await mkdir(STAMPS, { recursive: true });
    await writeFile(stampFile(name), JSON.stringify({ files, signature: await signature(files) }));
    built.push(name);
  }
  return built;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => arg !== '--force');
  await ensureBuilt(names.length > 0 ? names : undefined, { force: args.includes('--force') });
}

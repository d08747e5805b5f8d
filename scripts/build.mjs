#!/usr/bin/env node
/**
 * Builds what `npm start` runs: the web UI (vite → ui/dist) and the server bundle (esbuild → dist/server.mjs and
 * its chunks), and what bin/pia.js runs: the CLI bundle (dist/pia-*.cjs, its entry named in dist/pia.json). Each build records the source files that went into it with their size and mtime (dist/stamps/);
 * an output is rebuilt only when one of those changed, so a start after `npm install` (which builds both, as the
 * prepare script) costs a few hundred stat calls and never a build, while an edited source is never hidden behind a
 * stale bundle.
 *
 *   node scripts/build.mjs [--force] [ui] [server] [cli]     (no target: all three)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { lazyTables, pdfkitOwnUrl, precomputed } from './bundle-plugins.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRY = path.join(ROOT, 'dist', 'server.mjs');
/** Names the CLI bundle's entry file (bin/pia.js reads it). */
const CLI_MANIFEST = path.join(ROOT, 'dist', 'pia.json');
const STAMPS = path.join(ROOT, 'dist', 'stamps');
/**
 * Dependency versions: a changed lock file may change any bundle; and the build's own scripts, which write modules
 * of the bundles (precompiled templates, font tables) and rewrite packages' files (lazy tables).
 */
const ALWAYS = ['package-lock.json', 'scripts/build.mjs', 'scripts/bundle-plugins.mjs'];

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

/** Bundle files the server sends compressed: text of at least a kilobyte (fonts are WOFF2, compressed already). */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json)$/;

/**
 * Each compressible file of ui/dist beside its Brotli (best quality) and gzip copies, which the server sends as they
 * are (@fastify/static's preCompressed): no compression work per request, and smaller than compressing on the fly.
 * Not index.html: the server sends it with the API answers of each page written in (src/server/initial-answers.ts).
 */
const precompressUi = async () => {
  const files = (await filesUnder('ui/dist', [])).filter((file) => COMPRESSIBLE.test(file) && file !== 'ui/dist/index.html');
  await Promise.all(files.map(async (file) => {
    const text = await readFile(path.join(ROOT, file));
    if (text.length < 1024) return;
    const brotli = promisify(zlib.brotliCompress)(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length } });
    const gzip = promisify(zlib.gzip)(text, { level: zlib.constants.Z_BEST_COMPRESSION });
    await writeFile(path.join(ROOT, `${file}.br`), await brotli);
    await writeFile(path.join(ROOT, `${file}.gz`), await gzip);
  }));
};

const buildUi = async () => {
  const { build } = await import('vite');
  const results = await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  await precompressUi();
  const ids = [results].flat().flatMap((result) => result.output.flatMap((chunk) => chunk.moduleIds ?? []));
  // index.html and the stylesheets it links are assets, not chunk modules: everything under ui/ counts.
  // This script too: it writes the compressed copies.
  return [...projectFiles(ids), ...(await filesUnder('ui', ['ui/dist/'])), 'vite.config.ts', 'scripts/build.mjs'];
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

/**
 * A Node entry point bundled for bin/code-cache.js: split like the server, then each output turned into a CommonJS
 * file, because Node 20 gives a V8 code cache to scripts it compiles through node:vm and to no ES module; the
 * packages are bundled in for the same reason, except those that read files of their own at run time (the team
 * database). Every file, the entry too, is named `<prefix>-…-<content hash>.cjs`, so a code cache named after a
 * file never meets another text. Resolves to the entry's file name and the project files that went in.
 */
export const bundleCommonJs = async (entryPoint, outdir, prefix) => {
  const esbuild = await import('esbuild');
  const own = new RegExp(`^${prefix}[.-]`);
  for (const old of (await readdir(outdir).catch(() => [])).filter((file) => own.test(file))) await rm(path.join(outdir, old), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entryPoint],
    entryNames: `${prefix}-[hash]`,
    chunkNames: `${prefix}-[name]-[hash]`,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@electric-sql/pglite', 'pg'],
    outdir,
    outExtension: { '.js': '.mjs' },
    plugins: [pdfkitOwnUrl, precomputed, lazyTables],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await mkdir(outdir, { recursive: true });
  const ownImport = new RegExp(`(\\./${prefix}[\\w-]*)\\.mjs(?=["'])`, 'g');
  for (const output of result.outputFiles) {
    const { code } = await esbuild.transform(output.text.replaceAll(ownImport, '$1.cjs'), {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // import() of a bundle file becomes require(), so bin/code-cache.js loads it (with its cache) too.
      supported: { 'dynamic-import': false },
      // Without comments (some are Japanese): a file of ASCII only loads as a one-byte string, a third of the time
      // a UTF-8 decode of the 2.5 MB render chunk took, and a smaller text is quicker to read and to compile.
      minifyWhitespace: true,
      // bin/code-cache.js passes the file's URL.
      define: { 'import.meta.url': '__import_meta_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
      logLevel: 'error',
    });
    await writeFile(output.path.replace(/\.mjs$/, '.cjs'), code);
  }
  const [entry, entryOutput] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === entryPoint);
  const inputs = (ids) => projectFiles(ids.map((input) => path.resolve(ROOT, input)));
  return {
    entry: path.basename(entry).replace(/\.mjs$/, '.cjs'),
    files: inputs(Object.keys(result.metafile.inputs)),
    // The sources bundled into the entry file itself (not its chunks): what the entry does before it loads a command.
    entryFiles: inputs(Object.keys(entryOutput.inputs)),
  };
};

// The CLI: bin/pia.js runs it with its code cache; each command's modules load when that command runs (src/cli/run.ts).
/**
 * The CLI, and its usage text as the built CLI prints it: bin/pia.js answers `pia --help` from the manifest, since
 * loading the bundle for a constant text was a third of that command's time. The usage is stale only when a source
 * of the entry file changed (the text and the code that prints it live there; commands load from other chunks), so
 * the manifest records those few files' stats and `--help` checks them instead of every source of the bundle.
 */
const buildCli = async () => {
  const { entry, files, entryFiles } = await bundleCommonJs('src/cli/main.ts', path.join(ROOT, 'dist'), 'pia');
  // Run as bin/pia.js runs it (through its loader), with the argv shape of `pia --help`.
  const run = `require(${JSON.stringify(path.join(ROOT, 'bin', 'code-cache.js'))}).runBundle(${JSON.stringify(path.join(ROOT, 'dist'))}, ${JSON.stringify(entry)})`;
  const help = spawnSync(process.execPath, ['-e', run, '--', 'pia', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`the built CLI failed on --help: ${help.stderr}`);
  await writeFile(CLI_MANIFEST, JSON.stringify({ entry, usage: help.stdout, usageStats: await statsOf([...entryFiles, ...ALWAYS]) }));
  return files;
};

// The server: the PDF renderer (pdfkit, fontkit, handlebars) loads on the first PDF request, not at start; the PDF
// render worker is an entry of its own (src/server/render-pool.ts starts it beside the bundle).
const buildServer = () => bundleNode('server', { server: 'src/main.ts', 'server-render-worker': 'src/server/render-worker.ts' });

const TARGETS = {
  ui: { output: 'ui/dist/index.html', build: buildUi },
  server: { output: 'dist/server.mjs', build: buildServer },
  cli: { output: 'dist/pia.json', build: buildCli },
};

/** Size and modification time of each file, as [file, size, mtimeMs]. */
const statsOf = (files) =>
  Promise.all(files.map(async (file) => {
    const { size, mtimeMs } = await stat(path.join(ROOT, file));
    return [file, size, mtimeMs];
  }));

const signature = async (files) => {
  const hash = createHash('sha256');
  for (const [file, size, mtimeMs] of await statsOf(files)) hash.update(`${file}\0${size}\0${mtimeMs}\n`);
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
    // The stats too, so bin/pia.js can compare them without hashing (it runs before anything else is loaded).
    await writeFile(stampFile(name), JSON.stringify({ files, signature: await signature(files), stats: await statsOf(files) }));
    built.push(name);
  }
  return built;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => arg !== '--force');
  await ensureBuilt(names.length > 0 ? names : undefined, { force: args.includes('--force') });
}

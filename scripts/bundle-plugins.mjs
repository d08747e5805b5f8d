/**
 * The esbuild plugins of the CLI bundle (scripts/build.mjs bundleCommonJs) and the modules they generate: pdfkit's
 * own URL, the precompiled templates and font tables the renderer reads instead of compiling and parsing at run
 * time, and the load-time tables of packages made lazy. Every bundle's stamp lists this file (build.mjs ALWAYS),
 * since what it writes goes into the bundles.
 *
 * Plain JavaScript, like build.mjs: it runs before anything is compiled.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * pdfkit finds its standard fonts (and ICC profile) relative to its own module URL at run time, which bundled would
 * be the bundle file's: give it the URL of its installed entry file instead, resolved when it runs.
 */
export const pdfkitOwnUrl = {
  name: 'pdfkit-own-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', "require('node:url').pathToFileURL(require.resolve('pdfkit')).href"),
      loader: 'js',
    }));
  },
};

/**
 * The module that replaces src/render/text/precompiled-templates.ts in a bundle: every template of templates/ run
 * through Handlebars.precompile with the renderer's options (TEMPLATE_OPTIONS, src/render/text/template-env.ts),
 * keyed by its source text, which the renderer compares, so an edited template is never served from here.
 */
export const precompiledTemplatesModule = async (dir = path.join(ROOT, 'templates')) => {
  const { default: Handlebars } = await import('handlebars');
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.hbs')).sort();
  const entries = await Promise.all(files.map(async (file) => {
    const source = await readFile(path.join(dir, file), 'utf8');
    return `  [${JSON.stringify(source)}, ${Handlebars.precompile(source, { strict: true })}],`;
  }));
  return `export const PRECOMPILED = new Map([\n${entries.join('\n')}\n]);\n`;
};

/** The fonts the renderer embeds (FONT_FILES of src/store/render-assets.ts). */
const FONT_FILES = [
  '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf',
  '@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf',
];

/**
 * The module that replaces src/render/pdf/precomputed-metrics.ts in a bundle: for each font, every code point it
 * maps with its glyph id, and every glyph's advance width, as fontkit reads them, keyed as metricsKey
 * (src/render/pdf/fonts.ts) keys a font, so a font changed since the build finds no table.
 */
export const precomputedMetricsModule = async (files = FONT_FILES) => {
  const { create } = await import('fontkit');
  const require = createRequire(import.meta.url);
  const base64 = (array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  const entries = [];
  for (const file of files) {
    const font = create(await readFile(require.resolve(file)));
    const codePoints = Uint32Array.from(font.characterSet).sort();
    const glyphIds = Uint16Array.from(codePoints, (codePoint) => font.glyphForCodePoint(codePoint).id);
    const advances = Uint16Array.from({ length: font.numGlyphs }, (_, id) => font.getGlyph(id).advanceWidth);
    const { cmap, hmtx } = font.directory.tables;
    const key = `${font.numGlyphs}:${cmap.checkSum}:${cmap.length}:${hmtx.checkSum}:${hmtx.length}`;
    entries.push(`  [${JSON.stringify(key)}, { codePoints: "${base64(codePoints)}", glyphIds: "${base64(glyphIds)}", advances: "${base64(advances)}" }],`);
  }
  return `export const PRECOMPUTED_METRICS = new Map([\n${entries.join('\n')}\n]);\n`;
};

/**
 * Tables that packages build as they load, for code the CLI never runs: the Unicode property, shaping and
 * line-break tries (fontkit's shaping and pdfkit's text wrapping: the renderer maps characters to glyphs and breaks
 * lines itself) and the AES tables (pdfkit's encryption). Building them took ~5 % of a cold render; each is now
 * built on its first use. A package whose text no longer has such a line is bundled as it is (a test says so).
 */
export const LAZY_TABLES = [
  { file: /[\\/]unicode-properties[\\/]dist[\\/]module\.mjs$/, line: /^const ([\w$]+) = (new \(0, \$\w+\$unicodetrie\)\(.*\));$/gm },
  { file: /[\\/]fontkit[\\/]dist[\\/]module\.mjs$/, line: /^const ([\w$]+) = (new \(0, \$\w+\$unicodetrie\)\(.*\));$/gm },
  { file: /[\\/]linebreak[\\/]dist[\\/]module\.mjs$/, line: /^const ([\w$]+) = (new \$\w+\$unicodetrie\(.*\));$/gm },
  { file: /[\\/]@noble[\\/]ciphers[\\/](?:esm[\\/])?aes\.js$/, line: /^const (table(?:En|De)coding) = (\/\* @__PURE__ \*\/ genTtable\(.*\));$/gm },
];
// A function declaration: hoisted above the lines that call it. Methods keep the table as `this`.
const LAZY_TABLE = `
function __lazyTable(make) {
  let table;
  return new Proxy({}, {
    get(_, key) {
      table ??= make();
      const value = table[key];
      return typeof value === 'function' ? value.bind(table) : value;
    },
  });
}
`;

/** The text of a package file with its load-time tables made lazy, and how many it found. */
export const withLazyTables = (text, line) => {
  let found = 0;
  const contents = text.replace(line, (_, name, expression) => {
    found += 1;
    return `const ${name} = __lazyTable(() => ${expression});`;
  });
  return { contents: found > 0 ? contents + LAZY_TABLE : text, found };
};

export const lazyTables = {
  name: 'lazy-tables',
  setup(build) {
    for (const { file, line } of LAZY_TABLES) {
      build.onLoad({ filter: file }, async (args) => ({ contents: withLazyTables(await readFile(args.path, 'utf8'), line).contents, loader: 'js' }));
    }
  },
};

/** Modules of the sources that a bundle gets generated at build time: precompiled templates, font tables. */
export const precomputed = {
  name: 'precomputed',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]render[\\/]text[\\/]precompiled-templates\.ts$/ }, async () => ({
      contents: await precompiledTemplatesModule(),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]src[\\/]render[\\/]pdf[\\/]precomputed-metrics\.ts$/ }, async () => ({
      contents: await precomputedMetricsModule(),
      loader: 'js',
    }));
  },
};


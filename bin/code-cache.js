/**
 * Runs the CLI bundle (CommonJS files, scripts/build.mjs) with a V8 code cache per file, kept in dist/pia-cache/.
 * Node 20 has no compile cache of its own (module.enableCompileCache came in 22), but node:vm takes a script's
 * cachedData: a file whose cache V8 accepts is neither parsed nor compiled again, and the functions the run that
 * wrote the cache compiled come compiled. Bundle files are named by their content, so a cache named after a file
 * never meets another text; V8 itself refuses a cache from another node or other flags, and that file's cache is
 * then written anew when the process ends. A cache that cannot be written (a read-only install) is left out.
 */
'use strict';
const { isAscii } = require('node:buffer');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

// The parameters of a CommonJS module, and import.meta.url (scripts/build.mjs defines it to __import_meta_url).
const HEAD = '(function (exports, require, module, __filename, __dirname, __import_meta_url) {';

/** A file's text: esbuild writes ASCII (non-ASCII escaped), which reads fastest as latin1. */
const readSource = (file) => {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
};

const readCache = (file) => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/** Temp file and rename, so a process that starts meanwhile reads a whole cache or none. */
const writeCache = (file, data) => {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    // Only speed is lost.
  }
};

/** Runs `entry` (a file of the bundle in `dir`) and the bundle files it requires, each once, with their caches. */
const runBundle = (dir, entry, cacheDir = path.join(dir, 'pia-cache')) => {
  const modules = new Map();
  const unsaved = [];
  const load = (file) => {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {}, filename: file };
    modules.set(file, module);
    const cacheFile = path.join(cacheDir, `${path.basename(file)}.v8`);
    const cachedData = readCache(cacheFile);
    const script = new vm.Script(`${HEAD}${readSource(file)}\n})`, {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) unsaved.push({ script, cacheFile });
    const requireOutside = createRequire(file);
    // Bundle files require each other as ./name.cjs; anything else is a node built-in or an external package.
    const require = Object.assign((id) => (id.startsWith('./') ? load(path.join(dir, id)) : requireOutside(id)), {
      resolve: requireOutside.resolve,
    });
    script.runInThisContext()(module.exports, require, module, file, dir, pathToFileURL(file).href);
    return module.exports;
  };
  // At exit the scripts hold every function the command compiled, so the next run starts with all of them.
  process.once('exit', () => {
    for (const { script, cacheFile } of unsaved) writeCache(cacheFile, script.createCachedData());
  });
  return load(path.join(dir, entry));
};

module.exports = { runBundle };

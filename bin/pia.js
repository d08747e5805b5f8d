#!/usr/bin/env node
/**
 * Entry point for `npx pia` (CommonJS, bin/package.json: an ES module entry costs node's module loader on every
 * start). Runs the bundled CLI that `npm install` built (dist/, scripts/build.mjs) when none of the files it was
 * built from changed since, so a cold start compiles no TypeScript; otherwise runs the TypeScript sources through
 * tsx, so an edit is never hidden behind a stale bundle.
 */
'use strict';
const { readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

/**
 * The bundle's manifest (its entry file and usage text) when the bundle is fresh: the build stamp lists every file
 * that went into it (sources, schemas, the lock file) with its size and modification time, and each one must still
 * have both. That is a few hundred stat calls of the files the bundle depends on, not a walk of the tree, and a new
 * file matters only once an existing one imports it.
 */
const freshManifest = () => {
  try {
    const { stats } = JSON.parse(readFileSync(path.join(dist, 'stamps', 'cli.json'), 'utf8'));
    for (const [file, size, mtimeMs] of stats) {
      const now = statSync(path.join(root, file), { throwIfNoEntry: false });
      if (now === undefined || now.size !== size || now.mtimeMs !== mtimeMs) return undefined;
    }
    return JSON.parse(readFileSync(path.join(dist, 'pia.json'), 'utf8'));
  } catch {
    return undefined;
  }
};

const manifest = freshManifest();
const argv = process.argv.slice(2);
if (manifest !== undefined && typeof manifest.usage === 'string' && argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
  // The usage the build captured from this very bundle: a constant text needs no bundle loaded. A reader that
  // stops early (pia --help | head) is no failure, as in src/cli/main.ts.
  process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  process.stdout.write(manifest.usage);
} else if (manifest !== undefined) {
  require('./code-cache.js').runBundle(dist, manifest.entry);
} else {
  const tsx = require.resolve('tsx/cli');
  const result = require('node:child_process').spawnSync(process.execPath, [tsx, path.join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

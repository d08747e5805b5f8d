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

/** Whether each [file, size, mtimeMs] the build recorded still has that size and modification time. */
const unchanged = (stats) =>
  stats.every(([file, size, mtimeMs]) => {
    const now = statSync(path.join(root, file), { throwIfNoEntry: false });
    return now !== undefined && now.size === size && now.mtimeMs === mtimeMs;
  });

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The bundle's manifest (its entry file and usage text) when the bundle is fresh: the build stamp lists every file
 * that went into it (sources, schemas, the lock file) with its size and modification time, and each one must still
 * have both. That is a few hundred stat calls of the files the bundle depends on, not a walk of the tree, and a new
 * file matters only once an existing one imports it.
 */
const freshManifest = () => {
  try {
    if (!unchanged(readJson(path.join(dist, 'stamps', 'cli.json')).stats)) return undefined;
    return readJson(path.join(dist, 'pia.json'));
  } catch {
    return undefined;
  }
};

/** The usage text the build captured, while the few sources of the entry file that hold and print it are unchanged. */
const freshUsage = () => {
  try {
    const { usage, usageStats } = readJson(path.join(dist, 'pia.json'));
    return typeof usage === 'string' && Array.isArray(usageStats) && unchanged(usageStats) ? usage : undefined;
  } catch {
    return undefined;
  }
};

const argv = process.argv.slice(2);
const usage = argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h') ? freshUsage() : undefined;
const manifest = usage === undefined ? freshManifest() : undefined;
if (usage !== undefined) {
  // A constant text needs no bundle loaded. A reader that stops early (pia --help | head) is no failure, as in
  // src/cli/main.ts.
  process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  process.stdout.write(usage);
} else if (manifest !== undefined) {
  require('./code-cache.js').runBundle(dist, manifest.entry);
} else {
  const tsx = require.resolve('tsx/cli');
  const result = require('node:child_process').spawnSync(process.execPath, [tsx, path.join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

#!/usr/bin/env node
// Entry point for `npx pia`. Runs the bundled CLI (dist/pia.mjs, built by `npm run build:cli` on install) when it
// is at least as new as every source file, so a cold start skips compiling TypeScript; otherwise runs the
// TypeScript sources through tsx, so an edit is never hidden behind a stale bundle.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'pia.mjs');

const newestSource = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);

const bundleIsFresh = () => {
  try {
    const built = statSync(bundle).mtimeMs;
    return built >= newestSource(path.join(root, 'src')) && built >= newestSource(path.join(root, 'schemas'));
  } catch {
    return false;
  }
};

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const require = createRequire(import.meta.url);
  const tsx = require.resolve('tsx/cli');
  const result = spawnSync(process.execPath, [tsx, path.join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

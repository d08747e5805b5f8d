import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that replace a module (vi.mock: node:fs/promises, the schema's documents) or a global: in a worker shared with
 * other files the replacement would leak into them, so these run in a fresh module graph of their own. Found by
 * their text, so a new such file cannot be forgotten here.
 */
const TESTS = fileURLToPath(new URL('tests', import.meta.url));
const MOCKING = readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith('ui/'))
  .filter((file) => /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(path.join(TESTS, file), 'utf8')))
  .map((file) => `tests/${file}`);

export default defineConfig({
  test: {
    // Seed assessments are real 200 KB documents; parsing and validating them takes a moment on 2 cores.
    testTimeout: 30_000,
    // vitest runs one file at a time on 2 cores (cores − 1), but most of our files wait on Chromium, servers, child
    // processes and PostgreSQL rather than compute: two at a time took the suite from 11 to 8 minutes here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A fresh module graph per file (vitest's default) had every file import fastify, ajv's validators, pdfkit and
    // the schema again: more time went into those imports than into the tests. The files share a worker's modules;
    // each file still makes its own servers, folders and databases, and the few that mock a module stay isolated.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/ui/**', ...MOCKING],
          globalSetup: ['tests/setup/pglite-template.ts'],
          setupFiles: ['tests/setup/pglite-files.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node-mocks',
          include: MOCKING,
          isolate: true,
          globalSetup: ['tests/setup/pglite-template.ts'],
          setupFiles: ['tests/setup/pglite-files.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['tests/ui/**/*.test.ts'],
          // The browser tests drive the built bundle, so vite builds it once before they start.
          globalSetup: ['tests/ui/global-setup.ts', 'tests/setup/pglite-template.ts'],
          setupFiles: ['tests/setup/pglite-files.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll waits for the real page and server; on a loaded 2-core machine 1 s (the default) is too short.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});

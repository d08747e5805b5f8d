/** Each test file's databases start from the files tests/setup/pglite-template.ts made, read on first use. */
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { startNewDatabasesFrom } from '../../src/team/db/pglite.js';

const file = inject('pgliteTemplate');
let files: Promise<Blob> | undefined;
startNewDatabasesFrom(() => (files ??= readFile(file).then((bytes) => new Blob([bytes]))));

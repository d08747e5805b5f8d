import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync } from 'node:fs';
const dir = process.argv[2] ?? mkdtempSync('/tmp/pgl-') + '/db';
let t0 = Date.now();
const db = await PGlite.create(dir);
console.log(dir, 'open', Date.now() - t0);
await db.close();

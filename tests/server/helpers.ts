import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerDeps } from '../../src/server/app.js';
import { ROOT, SEEDS, makeTempDir } from '../helpers/seeds.js';

export type TestServer = { app: FastifyInstance; dataDir: string; root: string; cleanup: () => Promise<void> };

/** A server on a temp copy of the real seed assessments, with a UI folder the test may fill (or leave missing). */
export const buildTestServer = async (
  options: { uiFiles?: Record<string, string> } & ServerDeps = {},
): Promise<TestServer> => {
  const { dir, cleanup } = await makeTempDir();
  const dataDir = path.join(dir, 'assessments');
  for (const seed of SEEDS)
    await cp(path.join(ROOT, 'assessments', seed.dir), path.join(dataDir, seed.dir), { recursive: true });
  const uiDir = path.join(dir, 'ui-dist');
  for (const [name, content] of Object.entries(options.uiFiles ?? {})) {
    await mkdir(path.dirname(path.join(uiDir, name)), { recursive: true });
    await writeFile(path.join(uiDir, name), content);
  }
  const app = buildServer(
    { dataDir, uiDir, templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' },
    { ...(options.clock ? { clock: options.clock } : {}), ...(options.team ? { team: options.team } : {}) },
  );
  await app.ready();
  return {
    app,
    dataDir,
    root: dir,
    cleanup: async () => {
      await app.close();
      await cleanup();
    },
  };
};

export const draftPath = (dataDir: string, id: string): string => path.join(dataDir, id, 'assessment.yaml');

export const ID_001 = '001-kitakyushu-yobosesshu';
export const ID_002 = '002-nagaoka-covid19';
export const ID_004 = '004-ise-yobosesshu';

/** A PDF's text as poppler extracts it, without the layout's spaces and line breaks. */
export const pdfText = async (pdf: Buffer, dir: string): Promise<string> => {
  const file = path.join(dir, `extract-${Date.now()}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.replace(/\s+/g, '');
};

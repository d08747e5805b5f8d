import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { AssessmentSummary, ListAssessmentsResponse } from '../../src/server/dto.js';
import { ROOT } from '../helpers/seeds.js';
import { ID_002, ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

// The list is answered from an index kept in memory (src/server/summaries.ts); it must follow what other programs
// do to the data folder, and survive a restart without reading every draft again.

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

type Inject = Awaited<ReturnType<TestServer['app']['inject']>>;

/** The body as the client reads it, in whichever encoding the server chose. */
const decoded = (response: Inject): ListAssessmentsResponse => {
  const encoding = response.headers['content-encoding'];
  const bytes = response.rawPayload;
  const text =
    encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : encoding === 'deflate' ? inflateSync(bytes) : bytes;
  return JSON.parse(text.toString('utf8')) as ListAssessmentsResponse;
};

const askList = (app: TestServer['app'], acceptEncoding?: string): Promise<Inject> =>
  app.inject({ method: 'GET', url: '/api/assessments', headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

const listOf = async (app: TestServer['app'], acceptEncoding?: string): Promise<AssessmentSummary[]> => {
  const response = await askList(app, acceptEncoding);
  expect(response.statusCode).toBe(200);
  return decoded(response).items;
};

/** File-system notifications arrive a moment after the change: ask until the list shows it (or give up). */
const eventually = async (
  app: TestServer['app'],
  check: (items: AssessmentSummary[]) => boolean,
  acceptEncoding?: string,
): Promise<AssessmentSummary[]> => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const items = await listOf(app, acceptEncoding);
    if (check(items)) return items;
    await sleep(50);
  }
  return listOf(app, acceptEncoding);
};

const titleOf = (items: AssessmentSummary[], id: string): string | undefined => items.find((item) => item.id === id)?.title;

const retitle = async (dataDir: string, id: string, title: string): Promise<void> => {
  const file = draftPath(dataDir, id);
  const text = await readFile(file, 'utf8');
  // In place, as a text editor that does not rename writes: the folder itself does not change.
  await writeFile(file, text.replace(/^( {2}title: ).*$/m, `$1${title}`));
};

describe('the list follows changes other programs make on disk', () => {
  it('a draft edited in place, a folder removed, a folder copied in, a broken draft', async () => {
    expect((await listOf(server.app)).map((item) => item.id)).toHaveLength(3);

    await retitle(server.dataDir, ID_004, '書き換えた評価書名');
    expect(titleOf(await eventually(server.app, (items) => titleOf(items, ID_004) === '書き換えた評価書名'), ID_004)).toBe('書き換えた評価書名');

    await rm(path.join(server.dataDir, ID_002), { recursive: true });
    expect((await eventually(server.app, (items) => items.length === 2)).map((item) => item.id)).not.toContain(ID_002);

    await cp(path.join(ROOT, 'assessments', ID_002), path.join(server.dataDir, 'copied-in'), { recursive: true });
    expect((await eventually(server.app, (items) => items.length === 3)).map((item) => item.id)).toContain('copied-in');

    await writeFile(draftPath(server.dataDir, 'copied-in'), 'form: [unclosed');
    expect((await eventually(server.app, (items) => items.length === 2)).map((item) => item.id)).not.toContain('copied-in');
  });

  it('a revision committed by another program changes the row’s revision count', async () => {
    const before = (await listOf(server.app)).find((item) => item.id === ID_004)!;
    const { run } = await import('../../src/cli/index.js');
    const { fixedClock } = await import('../../src/workflows/index.js');
    const out: string[] = [];
    const code = await run(['revise', draftPath(server.dataDir, ID_004), '-m', '別のプログラムから', '--author', '試験'], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      cwd: '.',
      env: {},
      clock: fixedClock('2025-10-01'),
      columns: 120,
    });
    expect(code, out.join('\n')).toBe(0);
    const items = await eventually(server.app, (list) => list.find((item) => item.id === ID_004)?.revisionCount === before.revisionCount + 1);
    expect(items.find((item) => item.id === ID_004)?.revisionCount).toBe(before.revisionCount + 1);
  });
});

describe('a data folder listed for the first time', () => {
  it('answers with the rows read so far and how many are still to read, until all are read', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments' });
    const body = response.json<ListAssessmentsResponse>();
    expect(body.items.length + (body.pending ?? 0)).toBe(3);
    const items = await eventually(server.app, (list) => list.length === 3);
    expect(items).toHaveLength(3);
    expect((await server.app.inject({ method: 'GET', url: '/api/assessments' })).json<ListAssessmentsResponse>().pending).toBeUndefined();
  });
});

describe('pages of the list', () => {
  it('offset and limit give a page of the matches in id order, with the total', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments?offset=1&limit=1' });
    expect(response.json<ListAssessmentsResponse>()).toMatchObject({ total: 3, items: [{ id: ID_002 }] });
    expect((await server.app.inject({ method: 'GET', url: '/api/assessments?limit=0' })).statusCode).toBe(400);
  });
});

describe('a restarted server', () => {
  it('lists from the rows it saved, and reads again what changed while it was down', async () => {
    await listOf(server.app);
    await server.app.close(); // saves the rows
    const saved = JSON.parse(await readFile(path.join(server.dataDir, '.pia-summaries.json'), 'utf8')) as { rows: unknown[] };
    expect(saved.rows).toHaveLength(3);

    await retitle(server.dataDir, ID_004, '停止中に書き換えた評価書名');
    const app = buildServer({ dataDir: server.dataDir, uiDir: path.join(server.root, 'ui-dist'), templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' });
    try {
      await app.ready();
      // The saved rows answer at once; the folder is checked right after, and the moved draft is read again.
      expect(await listOf(app)).toHaveLength(3);
      const items = await eventually(app, (list) => titleOf(list, ID_004) === '停止中に書き換えた評価書名');
      expect(items).toHaveLength(3);
      expect(titleOf(items, ID_004)).toBe('停止中に書き換えた評価書名');
    } finally {
      await app.close();
    }
  });
});

describe('the whole list, serialised and compressed once per change', () => {
  it('every encoding a client may ask for answers the same rows, and an edit on disk reaches every one', async () => {
    // Copies enough to pass the compression threshold (1 KB), as any real portfolio does.
    for (const copy of ['copy-a', 'copy-b', 'copy-c'])
      await cp(path.join(ROOT, 'assessments', ID_002), path.join(server.dataDir, copy), { recursive: true });
    const plain = await eventually(server.app, (items) => items.length === 6);
    expect(plain).toHaveLength(6);
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['identity', undefined],
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['deflate', 'deflate'],
    ];
    // Twice: the second answers come from what the first made.
    for (const round of [1, 2]) {
      for (const [acceptEncoding, encoding] of cases) {
        const response = await askList(server.app, acceptEncoding);
        expect(response.statusCode, `${acceptEncoding} (${round})`).toBe(200);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.headers['content-encoding'], `${acceptEncoding}`).toBe(encoding);
        if (encoding) expect(response.headers['vary']).toMatch(/accept-encoding/i);
        expect(decoded(response), `${acceptEncoding} (${round})`).toEqual({ items: plain });
      }
    }

    await retitle(server.dataDir, 'copy-b', '圧縮した一覧にも届く評価書名');
    for (const [acceptEncoding] of cases) {
      const items = await eventually(server.app, (list) => titleOf(list, 'copy-b') === '圧縮した一覧にも届く評価書名', acceptEncoding);
      expect(titleOf(items, 'copy-b'), `${acceptEncoding}`).toBe('圧縮した一覧にも届く評価書名');
      expect(items).toHaveLength(6);
    }
  });

  it('a search, a filter or a page is not the whole list', async () => {
    const whole = await listOf(server.app, 'br');
    const filtered = decoded(await server.app.inject({ method: 'GET', url: '/api/assessments?form=yoshiki3', headers: { 'accept-encoding': 'br' } }));
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.length).toBeLessThan(whole.length);
    expect(filtered.items.every((item) => item.form === 'yoshiki3')).toBe(true);
  });
});

/**
 * Every code path after validation tolerates any document validation lets through: drafts with issues are saved,
 * and the checks, the diff, the outline and the PDF route then run on them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAssessment } from '../../src/checks/index.js';
import { computeChanges, textDiff } from '../../src/diff/index.js';
import { outlineAssessment } from '../../src/schema/index.js';
import type { AssessmentResponse, ChecksResponse, DiffResponse } from '../../src/server/dto.js';
import { ID_004, buildTestServer, draftPath, type TestServer } from '../server/helpers.js';
import { pia } from '../helpers/cli.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

type Data = Record<string, unknown>;
const api = (rest = ''): string => `/api/assessments/${ID_004}${rest}`;

const at = (data: Data, path: (string | number)[]): Data => path.reduce<Data>((node, key) => node[key] as Data, data);

/** Saves the draft after `change` (drafts with issues are saved) and answers the data as saved. */
const saveDraft = async (change: (data: Data) => void): Promise<Data> => {
  const { data, etag } = (await server.app.inject({ method: 'GET', url: api() })).json<AssessmentResponse>();
  change(data);
  const saved = await server.app.inject({ method: 'PUT', url: api(), headers: { 'if-match': `"${etag}"` }, payload: { data } });
  expect(saved.statusCode).toBe(200);
  expect(saved.json<{ issues: unknown[] }>().issues.length).toBeGreaterThan(0);
  return data;
};

const commitFirstRevision = async (): Promise<void> => {
  const response = await server.app.inject({
    method: 'POST',
    url: api('/revisions'),
    payload: { message: '初版', changeDate: '2025-03-27', author: '山田', baseRevision: null },
  });
  expect(response.statusCode).toBe(201);
};

/** The answers of the routes that read a saved draft: none may be a 500. */
const routesOnTheDraft = async (): Promise<Record<string, number>> => {
  const statuses: Record<string, number> = {};
  for (const url of [api(), api('/checks'), api('/diff?from=1&to=draft'), api('/pdf'), '/api/assessments']) {
    statuses[url.replace(api(), '')] = (await server.app.inject({ method: 'GET', url })).statusCode;
  }
  return statuses;
};

describe('a draft saved with an impossible date', () => {
  it('is checked, compared and listed; its PDF is refused with 422, not a 500', async () => {
    await commitFirstRevision();
    await saveDraft((data) => {
      at(data, ['cover'])['publishedOn'] = '2025-13-01';
      at(data, ['procedures', 'basicAssessment'])['date'] = '2025-02-30';
    });
    expect(await routesOnTheDraft()).toEqual({ '': 200, '/checks': 200, '/diff?from=1&to=draft': 200, '/pdf': 422, '/api/assessments': 200 });
    const checks = (await server.app.inject({ method: 'GET', url: api('/checks') })).json<ChecksResponse>();
    expect(checks.findings.length).toBeGreaterThan(0);
  });

  it('pia check checks it and points at the schema problem (it stopped with exit 70 on a RangeError)', async () => {
    const file = path.join(server.root, 'baddate.yaml');
    await writeFile(file, (await readFile(draftPath(server.dataDir, ID_004), 'utf8')).replace(/^( {2}publishedOn: ).*$/m, '$12025-13-01'));
    const { code, out } = await pia(['check', file], { today: '2026-01-15' });
    expect(code).toBe(0);
    expect(out).toContain('スキーマの検証で1件の問題があります');
  });
});

describe('a mapping where a choice, a count or a text is expected', () => {
  // `toString` as a key: String() of such a mapping throws, which is how the outline, the diff and the checks crashed.
  const hostile = { toString: 'x', valueOf: 1 };
  const mutate = (data: Data): void => {
    at(data, ['files', 0, 'overview', 'consignment', 'items', 0])['reconsignment'] = hostile;
    at(data, ['files', 0, 'overview', 'consignment', 'status'])['count'] = hostile;
    at(data, ['files', 0, 'riskMeasures', 'consignment', 'risk', 'reconsigneeHandling'])['value'] = hostile;
    at(data, ['basicInfo', 'business'])['targetCount'] = hostile;
  };

  it('is compared, outlined and checked without a crash, the mapping shown as written', async () => {
    const before = (await server.app.inject({ method: 'GET', url: api() })).json<AssessmentResponse>().data;
    const after = structuredClone(before);
    mutate(after);
    const changes = computeChanges('yoshiki3', before, after);
    expect(changes.map((change) => change.after)).toContain('[ {"toString":"x","valueOf":1} ]');
    expect(outlineAssessment('yoshiki3', after).some((line) => line.value?.includes('{"toString":"x","valueOf":1}'))).toBe(true);
    expect(() => checkAssessment('yoshiki3', after, { today: '2026-01-15' })).not.toThrow();
  });

  it('saved through the API, every route that reads the draft answers without a 500', async () => {
    await commitFirstRevision();
    await saveDraft(mutate);
    expect(await routesOnTheDraft()).toEqual({ '': 200, '/checks': 200, '/diff?from=1&to=draft': 200, '/pdf': 422, '/api/assessments': 200 });
    const diff = (await server.app.inject({ method: 'GET', url: api('/diff?from=1&to=draft') })).json<DiffResponse>();
    expect(diff.items.length).toBeGreaterThan(0);
  });
});

describe('変更箇所 rows that are not rows', () => {
  it('the PDF of the draft is refused for its issues (422), not a crash while gathering the rows', async () => {
    await saveDraft((data) => {
      data['changeHistory'] = [null, '行ではない', { date: { toString: 1 }, item: [] }, ...(data['changeHistory'] as unknown[])];
    });
    const pdf = await server.app.inject({ method: 'GET', url: api('/pdf') });
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json()).toMatchObject({ code: 'ASSESSMENT_INVALID' });
  });
});

describe('the reviewers’ word diff of long texts', () => {
  it('shows texts that differ throughout whole, as removed and added, instead of comparing them for minutes', () => {
    const before = Array.from({ length: 30_000 }, (_, i) => `旧${i}`).join(' ');
    const after = Array.from({ length: 30_000 }, (_, i) => `新${i}`).join(' ');
    expect(textDiff(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });

  it('still diffs word by word within its bounds', () => {
    expect(textDiff('伊勢市長　鈴木', '伊勢市長　鈴木健一')).toEqual([
      { kind: 'same', text: '伊勢市長　鈴木' },
      { kind: 'added', text: '健一' },
    ]);
  });
});

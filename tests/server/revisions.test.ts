import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AssessmentResponse,
  ConfirmedRow,
  AssessmentSummary,
  DiffResponse,
  ListRevisionsResponse,
  RevisionMeta,
  RevisionResponse,
} from '../../src/server/dto.js';
import { ID_002, ID_004, buildTestServer, pdfText, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

const api = (id: string, rest = ''): string => `/api/assessments/${id}${rest}`;

const commit = (id: string, baseRevision: number | null, message = '令和7年度の見直し', changeDate = '2025-10-01') =>
  server.app.inject({
    method: 'POST',
    url: api(id, '/revisions'),
    payload: { message, changeDate, author: '総務課 山田', baseRevision },
  });

const edit = async (id: string, change: (data: Record<string, unknown>) => void): Promise<void> => {
  const { data, etag } = (await server.app.inject({ method: 'GET', url: api(id) })).json<AssessmentResponse>();
  change(data);
  const saved = await server.app.inject({
    method: 'PUT',
    url: api(id),
    headers: { 'if-match': `"${etag}"` },
    payload: { data },
  });
  expect(saved.statusCode).toBe(200);
};

const cover = (data: Record<string, unknown>): Record<string, unknown> => data['cover'] as Record<string, unknown>;

const summaryOf = async (id: string): Promise<AssessmentSummary | undefined> =>
  (await server.app.inject({ method: 'GET', url: '/api/assessments' }))
    .json<{ items: AssessmentSummary[] }>()
    .items.find((item) => item.id === id);

/** Two revisions of 004: the published text, then one with a new 評価実施機関名. */
const twoRevisions = async (): Promise<RevisionMeta> => {
  expect((await commit(ID_004, null, '公表版', '2025-03-27')).statusCode).toBe(201);
  await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長　鈴木健一'));
  const second = await commit(ID_004, 1);
  expect(second.statusCode).toBe(201);
  return second.json<RevisionMeta>();
};

describe('revisions', () => {
  it('commits the draft as revision 1, then 2 with proposed 変更箇所 rows, and lists them', async () => {
    expect((await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions') })).json()).toEqual({ items: [] });
    const first = await commit(ID_004, null, '公表版', '2025-03-27');
    expect(first.statusCode).toBe(201);
    expect(first.json<RevisionMeta>()).toMatchObject({
      number: 1,
      message: '公表版',
      changeDate: '2025-03-27',
      author: '総務課 山田',
      status: 'draft',
      rows: [],
    });

    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長　鈴木健一'));
    const second = await commit(ID_004, 1);
    expect(second.statusCode).toBe(201);
    const meta = second.json<RevisionMeta>();
    expect(meta).toMatchObject({ number: 2, baseRevision: 1, changeDate: '2025-10-01' });
    expect(meta.rows).toHaveLength(1);
    expect(meta.rows[0]).toMatchObject({
      date: '2025-10-01',
      before: '伊勢市長',
      after: '伊勢市長　鈴木健一',
      pointer: '/cover/organization',
    });

    const listed = (
      await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions') })
    ).json<ListRevisionsResponse>();
    expect(listed.items.map((item) => item.number)).toEqual([1, 2]);
    expect(await summaryOf(ID_004)).toMatchObject({ revisionCount: 2, status: 'draft' });
  });

  it('refuses a commit from a base that is no longer the newest (409), and lets one of two racing commits win', async () => {
    await twoRevisions();
    const stale = await commit(ID_004, 1);
    expect(stale.statusCode).toBe(409);
    const body = stale.json<{ code: string; message: string }>();
    expect(body.code).toBe('REVISION_CONFLICT');
    // Messages name files relative to the data folder, never by the server's path.
    expect(body.message).toBe(
      `${ID_004}/assessment.yaml: 改訂1をもとに編集している間に、改訂2が作られました。作業中の評価書はそのまま残っています。改訂2との違いを確認してから、もう一度改訂してください。`,
    );
    const racing = await Promise.all([commit(ID_004, 2), commit(ID_004, 2)]);
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses to commit a draft with validation issues (422) and lists them', async () => {
    await edit(ID_002, (data) => (cover(data)['number'] = '三十二'));
    const response = await commit(ID_002, null);
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { issues: { pointer: string }[] } }>();
    expect(body.code).toBe('ASSESSMENT_INVALID');
    expect(body.message).toBe(
      '作業中の評価書に様式の定めに合わない箇所が1件あるため、改訂を確定できません。編集画面で指摘のある項目を直してから、もう一度確定してください。',
    );
    expect(body.details.issues.map((issue) => issue.pointer)).toEqual(['/cover/number']);
  });

  it('reads one revision with its frozen content, untouched by later saves', async () => {
    await twoRevisions();
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長（作業中）'));
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions/2') });
    expect(response.statusCode).toBe(200);
    const { meta, data } = response.json<RevisionResponse>();
    expect(meta.number).toBe(2);
    expect(cover(data)['organization']).toBe('伊勢市長　鈴木健一');
  });

  it('answers 404 for a revision or an assessment that does not exist', async () => {
    const missing = await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions/9') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      code: 'REVISION_NOT_FOUND',
      message: `${ID_004}/assessment.yaml: 改訂9はありません。`,
    });
    const unknown = await server.app.inject({ method: 'GET', url: api('nai-hyokasho', '/revisions') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
    const zero = await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions/0') });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: '改訂番号「0」は使えません。1 以上の整数で指定してください。',
    });
  });
});

describe('GET /api/assessments/:id/diff', () => {
  it('gives the rows and, per changed item, the citation, before/after and a word diff of the text', async () => {
    await twoRevisions();
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=2') });
    expect(response.statusCode).toBe(200);
    const diff = response.json<DiffResponse>();
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(2);
    expect(diff.rows.map((row) => row.after)).toEqual(['伊勢市長　鈴木健一']);
    expect(diff.items).toHaveLength(1);
    const [item] = diff.items;
    expect(item).toMatchObject({
      pointer: '/cover/organization',
      kind: 'changed',
      before: '伊勢市長',
      after: '伊勢市長　鈴木健一',
    });
    expect(item!.citation).toContain('評価実施機関名');
    // The contract's segment shape ({ value, added?, removed? }); the added full-width space belongs to the addition.
    expect(item!.segments).toEqual([{ value: '伊勢市長' }, { value: '　鈴木健一', added: true }]);
  });

  it('compares with the working draft by default', async () => {
    await twoRevisions();
    await edit(ID_004, (data) => (cover(data)['title'] = '予防接種に関する事務　重点項目評価書（改）'));
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2') })).json<DiffResponse>();
    expect(diff.to).toBe('draft');
    expect(diff.items.map((item) => item.pointer)).toEqual(['/cover/title']);
  });

  it.each(['from=0', 'from=a', 'from=1&to=latest', ''])('refuses the query %j (400)', async (query) => {
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, `/diff?${query}`) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('confirming rows and changing the status', () => {
  it('stores edited rows with the revision, and the compare page shows them', async () => {
    const meta = await twoRevisions();
    const rows = meta.rows.map((row) => ({ ...row, explanation: '市長の交代に伴う記載の更新' }));
    const saved = await server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/2/rows'), payload: { rows } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<RevisionMeta>().rows[0]!.explanation).toBe('市長の交代に伴う記載の更新');
    const diff = (
      await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=2') })
    ).json<DiffResponse>();
    expect(diff.rows[0]!.explanation).toBe('市長の交代に伴う記載の更新');
  });

  it('refuses malformed rows with 400, naming the row and the printed column, and stores nothing', async () => {
    const meta = await twoRevisions();
    const [row] = meta.rows;
    const put = (rows: unknown[]) =>
      server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/2/rows'), payload: { rows } });
    const refusals: [unknown[], string][] = [
      [[row, { ...row, timing: 'いつか' }], '変更箇所の2行目の「提出時期」は 「事前」・「事後」・空欄 のいずれかにしてください。'],
      [[{ ...row, after: 5 }], '変更箇所の1行目の「変更後の記載」が正しくありません。'],
      [[{ ...row, important: 'true' }], '変更箇所の1行目の「重要な変更か（important）」が正しくありません。'],
      [[{ ...row, exception: 'LATER' }], '変更箇所の1行目の「重要な変更にあたらない理由（exception）」は 「TYPO」・「FORMAL」・「RISK_REDUCTION」・「OTHER」 のいずれかにしてください。'],
      [[{ ...row, date: '令和8年4月1日' }], '変更箇所の1行目の「変更日」が正しくありません。'],
      [[{ ...row, note: 'x' }], '変更箇所の1行目に「note」という欄はありません。'],
      [[{ date: row!.date, item: row!.item }], '変更箇所の1行目に「変更前の記載」がありません。'],
      [['事後'], '変更箇所の1行目が正しくありません。変更日・項目・変更前の記載・変更後の記載・提出時期・提出時期に係る説明 を持つ行にしてください。'],
    ];
    for (const [rows, message] of refusals) {
      const response = await put(rows);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(expect.objectContaining({ code: 'INVALID_REQUEST', message }));
    }
    const stored = (await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions') })).json<ListRevisionsResponse>();
    expect(stored.items.find((meta) => meta.number === 2)?.rows).toEqual(meta.rows);
  });

  it('stores dropped, merged and rewritten rows exactly, and the compare against the base shows them so', async () => {
    await twoRevisions();
    await edit(ID_004, (data) => {
      cover(data)['organization'] = '伊勢市長　鈴木健二';
      cover(data)['specialNotes'] = '令和8年度から予約システムを変更';
    });
    const third = (await commit(ID_004, 2, '市長の交代と特記事項', '2026-04-01')).json<RevisionMeta>();
    expect(third.rows).toHaveLength(2);
    const [first, second] = third.rows;
    // The officer merges the two rows into one, rewrites its 変更後 and excuses it as a typo fix.
    const merged: ConfirmedRow = {
      date: first!.date,
      item: `${first!.item}\n${second!.item}`,
      before: first!.before,
      after: '伊勢市長　鈴木健二（令和8年4月就任）',
      timing: '事後',
      explanation: '重要な変更にあたらぬ項目（誤字脱字の修正）',
      important: false,
      exception: 'TYPO',
    };
    const saved = await server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/3/rows'), payload: { rows: [merged] } });
    expect(saved.statusCode).toBe(200);
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2&to=3') })).json<DiffResponse>();
    expect(diff.rows).toEqual([merged]);

    // Dropping every row is a decision too: the proposals do not come back.
    await server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/3/rows'), payload: { rows: [] } });
    const emptied = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2&to=3') })).json<DiffResponse>();
    expect(emptied.rows).toEqual([]);
    expect(emptied.items).toHaveLength(2);
  });

  it('marks a revision submitted; the list shows the newest revision’s status', async () => {
    await twoRevisions();
    const response = await server.app.inject({
      method: 'PUT',
      url: api(ID_004, '/revisions/2/status'),
      payload: { status: 'submitted' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<RevisionMeta>().status).toBe('submitted');
    expect(await summaryOf(ID_004)).toMatchObject({ revisionCount: 2, status: 'submitted' });
    const filtered = (await server.app.inject({ method: 'GET', url: '/api/assessments?status=submitted' })).json<{
      items: AssessmentSummary[];
    }>();
    expect(filtered.items.map((item) => item.id)).toEqual([ID_004]);
  });

  it('refuses submission while ERROR findings exist, listing them (422)', async () => {
    // 002 as published leaves two required items of the form empty: ERROR findings of the consistency checks.
    expect((await commit(ID_002, null)).statusCode).toBe(201);
    const response = await server.app.inject({
      method: 'PUT',
      url: api(ID_002, '/revisions/1/status'),
      payload: { status: 'published' },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { findings: { severity: string }[] } }>();
    expect(body.code).toBe('ASSESSMENT_INVALID');
    const count = body.details.findings.length;
    expect(count).toBeGreaterThan(0);
    expect(body.details.findings.every((finding) => finding.severity === 'ERROR')).toBe(true);
    expect(body.message).toBe(
      `整合性チェックで誤り（エラー）が${count}件見つかったため、改訂1を「公表済み」にできません。誤りを直した評価書で新しい改訂を作成してください。`,
    );
    const list = (
      await server.app.inject({ method: 'GET', url: api(ID_002, '/revisions') })
    ).json<ListRevisionsResponse>();
    expect(list.items[0]!.status).toBe('draft');
  });
});

describe('GET /api/assessments/:id/pdf?revision=n', () => {
  it('prints revision n with its own confirmed 変更箇所 rows', async () => {
    const meta = await twoRevisions();
    const rows = meta.rows.map((row) => ({ ...row, explanation: '市長の交代に伴う記載の更新' }));
    await server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/2/rows'), payload: { rows } });
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長（作業中）'));
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, '/pdf?revision=2') });
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload, server.root);
    expect(text).toContain('市長の交代に伴う記載の更新');
    expect(text).toContain('伊勢市長鈴木健一');
    expect(text).not.toContain('作業中');
  });
});

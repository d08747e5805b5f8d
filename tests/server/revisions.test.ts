import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AssessmentResponse,
  AssessmentSummary,
  CommitPlanResponse,
  CommitRevisionResponse,
  ConfirmedRow,
  DiffResponse,
  ListRevisionsResponse,
  RevisionMeta,
  RevisionResponse,
} from '../../src/server/dto.js';
import { fixedClock } from '../../src/workflows/index.js';
import { ID_002, ID_004, buildTestServer, pdfText, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer({ clock: fixedClock(new Date('2025-10-01T16:00:00Z')) });
});
afterEach(() => server.cleanup());

const api = (id: string, rest = ''): string => `/api/assessments/${id}${rest}`;
const AUTHOR = '総務課 山田';
const REVIEWER = '総務課長 佐藤';

const commit = (id: string, baseRevision: number | null, message = '令和7年度の見直し', changeDate: string | undefined = '2025-10-01') =>
  server.app.inject({
    method: 'POST',
    url: api(id, '/revisions'),
    payload: { message, author: AUTHOR, baseRevision, ...(changeDate ? { changeDate } : {}) },
  });

const edit = async (id: string, change: (data: Record<string, unknown>) => void): Promise<void> => {
  const { data, etag } = (await server.app.inject({ method: 'GET', url: api(id) })).json<AssessmentResponse>();
  change(data);
  const saved = await server.app.inject({ method: 'PUT', url: api(id), headers: { 'if-match': `"${etag}"` }, payload: { data } });
  expect(saved.statusCode).toBe(200);
};

const cover = (data: Record<string, unknown>): Record<string, unknown> => data['cover'] as Record<string, unknown>;
const business = (data: Record<string, unknown>): Record<string, unknown> =>
  (data['basicInfo'] as Record<string, Record<string, unknown>>)['business']!;

const revisions = async (id: string): Promise<RevisionMeta[]> =>
  (await server.app.inject({ method: 'GET', url: api(id, '/revisions') })).json<ListRevisionsResponse>().items;

const putRows = (id: string, n: number, rows: unknown[], etag?: string) =>
  server.app.inject({
    method: 'PUT',
    url: api(id, `/revisions/${n}/rows`),
    payload: { rows },
    ...(etag !== undefined ? { headers: { 'if-match': `"${etag}"` } } : {}),
  });

const setStatus = (id: string, n: number, body: Record<string, unknown>) =>
  server.app.inject({ method: 'PUT', url: api(id, `/revisions/${n}/status`), payload: { by: AUTHOR, ...body } });

/** The internal review the state table asks for before 提出: requested by the author, approved by someone else. */
const approve = async (id: string, n: number): Promise<void> => {
  expect((await setStatus(id, n, { status: 'review' })).statusCode).toBe(200);
  expect((await setStatus(id, n, { status: 'approved', by: REVIEWER })).statusCode).toBe(200);
};
const submit = async (id: string, n: number, body: Record<string, unknown> = {}) => {
  await approve(id, n);
  return setStatus(id, n, { status: 'submitted', ...body });
};
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
  return second.json<CommitRevisionResponse>().revision;
};

describe('revisions', () => {
  it('commits the draft as revision 1, then 2 with proposed 変更箇所 rows stored with it, and lists them', async () => {
    expect((await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions') })).json()).toEqual({ items: [] });
    const first = await commit(ID_004, null, '公表版', '2025-03-27');
    expect(first.statusCode).toBe(201);
    expect(first.json<CommitRevisionResponse>().revision).toMatchObject({
      number: 1,
      message: '公表版',
      changeDate: '2025-03-27',
      author: AUTHOR,
      status: 'draft',
      statusLog: [],
      rows: [],
      predecessor: 0,
      rowsEditable: true,
      transitions: [
        { to: 'review', step: 'request', role: 'author', reasonRequired: false, fields: [] },
        { to: 'withdrawn', step: 'withdraw', role: 'author', reasonRequired: true, fields: [] },
      ],
    });

    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長　鈴木健一'));
    const second = await commit(ID_004, 1);
    expect(second.statusCode).toBe(201);
    const meta = second.json<CommitRevisionResponse>().revision;
    expect(meta).toMatchObject({ number: 2, baseRevision: 1, predecessor: 1, changeDate: '2025-10-01' });
    expect(meta.rows).toHaveLength(1);
    expect(meta.rows[0]).toMatchObject({ date: '2025-10-01', before: '伊勢市長', after: '伊勢市長　鈴木健一', pointer: '/cover/organization' });
    expect((await revisions(ID_004)).map((item) => item.number)).toEqual([1, 2]);
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

  it('refuses to commit a draft with validation issues (422) and lists them; a commit needs an author', async () => {
    await edit(ID_002, (data) => (cover(data)['number'] = '三十二'));
    const response = await commit(ID_002, null);
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { issues: { pointer: string }[] } }>();
    expect(body.code).toBe('ASSESSMENT_INVALID');
    expect(body.message).toBe(
      '作業中の評価書に様式の定めに合わない箇所が1件あるため、改訂を確定できません。指摘のある項目を直してから、もう一度確定してください。',
    );
    expect(body.details.issues.map((issue) => issue.pointer)).toEqual(['/cover/number']);
    const nameless = await server.app.inject({
      method: 'POST',
      url: api(ID_004, '/revisions'),
      payload: { message: 'x', author: '　', baseRevision: null },
    });
    expect(nameless.statusCode).toBe(422);
    expect(nameless.json()).toMatchObject({ code: 'AUTHOR_REQUIRED' });
  });

  it('refuses a commit of a draft that changed since the author saw it (draftEtag)', async () => {
    const { etag } = (await server.app.inject({ method: 'GET', url: api(ID_004) })).json<AssessmentResponse>();
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長（別の画面）'));
    const response = await server.app.inject({
      method: 'POST',
      url: api(ID_004, '/revisions'),
      payload: { message: 'x', author: AUTHOR, baseRevision: null, draftEtag: etag },
    });
    expect(response.statusCode).toBe(409);
    expect(await revisions(ID_004)).toEqual([]);
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
    expect(missing.json()).toMatchObject({ code: 'REVISION_NOT_FOUND', message: `${ID_004}/assessment.yaml: 改訂9はありません。` });
    const unknown = await server.app.inject({ method: 'GET', url: api('nai-hyokasho', '/revisions') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
    const zero = await server.app.inject({ method: 'GET', url: api(ID_004, '/revisions/0') });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ code: 'INVALID_REQUEST', message: '改訂番号「0」は使えません。1 以上の整数で指定してください。' });
  });
});

describe('GET /api/assessments/:id/revisions/next: the one default 変更日 and its warnings', () => {
  const plan = async (query = ''): Promise<CommitPlanResponse> =>
    (await server.app.inject({ method: 'GET', url: api(ID_004, `/revisions/next${query}`) })).json<CommitPlanResponse>();

  it('defaults to the cover’s 公表日, and to today in Japan when the draft has none', async () => {
    expect(await plan()).toMatchObject({ baseRevision: null, predecessor: 0, changeDate: '2025-08-19', defaultChangeDate: '2025-08-19', warnings: [] });
    await edit(ID_004, (data) => (cover(data)['publishedOn'] = null));
    // The server clock says 2025-10-01T16:00Z: 2 October in Japan.
    expect((await plan()).changeDate).toBe('2025-10-02');
  });

  it('warns when a date is earlier than the previous revision’s or than rows already printed, and says so on commit', async () => {
    // 004's imported rows end on 令和7年8月19日.
    expect((await plan('?changeDate=2025-08-01')).warnings).toEqual([
      '変更日 令和7年8月1日 が、すでに変更箇所の表に印字される行の変更日 令和7年8月19日 より前です。変更箇所の表は日付順に並ぶため、新しい行が古い行の間に入ります。',
    ]);
    expect((await commit(ID_004, null, '公表版', '2025-09-01')).statusCode).toBe(201);
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長　鈴木健一'));
    const next = await plan('?changeDate=2025-08-25');
    expect(next).toMatchObject({ baseRevision: 1, predecessor: 1 });
    expect(next.warnings).toEqual([
      '変更日 令和7年8月25日 が、前の版（第1版）の変更日 令和7年9月1日 より前です。変更箇所の表で新しい行が前の版の行より上に並びます。',
    ]);
    const committed = (await commit(ID_004, 1, '遡った版', '2025-08-25')).json<CommitRevisionResponse>();
    expect(committed.warnings).toEqual(next.warnings);
  });
});

describe('GET /api/assessments/:id/diff', () => {
  it('gives the rows and, per changed item, the citation, before/after and a word diff of the text', async () => {
    await twoRevisions();
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=2') });
    expect(response.statusCode).toBe(200);
    const diff = response.json<DiffResponse>();
    expect(diff).toMatchObject({ from: 1, to: 2, rowsSource: 'revision', rowsOf: [2], editable: true });
    expect(diff.rowsEtag).toBe((await revisions(ID_004))[1]!.rowsEtag);
    expect(diff.rows.map((row) => row.after)).toEqual(['伊勢市長　鈴木健一']);
    const [item] = diff.items;
    expect(item).toMatchObject({ pointer: '/cover/organization', kind: 'changed', before: '伊勢市長', after: '伊勢市長　鈴木健一' });
    expect(item!.citation).toContain('評価実施機関名');
    // The contract's segment shape ({ value, added?, removed? }); the added full-width space belongs to the addition.
    expect(item!.segments).toEqual([{ value: '伊勢市長' }, { value: '　鈴木健一', added: true }]);
  });

  it('compares with the working draft by default: the proposals of the next commit, read-only', async () => {
    await twoRevisions();
    await edit(ID_004, (data) => (cover(data)['title'] = '予防接種に関する事務　重点項目評価書（改）'));
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2') })).json<DiffResponse>();
    expect(diff).toMatchObject({ to: 'draft', rowsSource: 'proposal', editable: false });
    expect(diff.items.map((item) => item.pointer)).toEqual(['/cover/title']);
  });

  it.each(['from=0', 'from=a', 'from=1&to=latest', ''])('refuses the query %j (400)', async (query) => {
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, `/diff?${query}`) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('rows of a revision: compare-and-swap on their ETag', () => {
  it('stores edited rows with If-Match; the compare page shows them; the answer carries the new ETag', async () => {
    const meta = await twoRevisions();
    const rows = meta.rows.map((row) => ({ ...row, explanation: '市長の交代に伴う記載の更新' }));
    const saved = await putRows(ID_004, 2, rows, meta.rowsEtag);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<RevisionMeta>().rows[0]!.explanation).toBe('市長の交代に伴う記載の更新');
    expect(saved.headers['etag']).toBe(`"${saved.json<RevisionMeta>().rowsEtag}"`);
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=2') })).json<DiffResponse>();
    expect(diff.rows[0]!.explanation).toBe('市長の交代に伴う記載の更新');
  });

  it('requires If-Match (428) and refuses a stale or made-up one (409 with the rows stored); of two racing saves one wins', async () => {
    const meta = await twoRevisions();
    const rows = (explanation: string) => meta.rows.map((row) => ({ ...row, explanation }));
    const without = await putRows(ID_004, 2, rows('a'));
    expect(without.statusCode).toBe(428);
    expect(without.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });
    const madeUp = await putRows(ID_004, 2, rows('b'), 'made-up');
    expect(madeUp.statusCode).toBe(409);
    expect(madeUp.json()).toMatchObject({ code: 'ROWS_CONFLICT', details: { etag: meta.rowsEtag, rows: meta.rows } });
    const racing = await Promise.all([putRows(ID_004, 2, rows('c'), meta.rowsEtag), putRows(ID_004, 2, rows('d'), meta.rowsEtag)]);
    expect(racing.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const winner = racing.find((response) => response.statusCode === 200)!.json<RevisionMeta>();
    expect((await revisions(ID_004))[1]!.rows).toEqual(winner.rows);
  });

  it('refuses malformed rows with 400, naming the row and the printed column, and stores nothing', async () => {
    const meta = await twoRevisions();
    const [row] = meta.rows;
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
      const response = await putRows(ID_004, 2, rows, meta.rowsEtag);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(expect.objectContaining({ code: 'INVALID_REQUEST', message }));
    }
    expect((await revisions(ID_004))[1]!.rows).toEqual(meta.rows);
  });

  it('stores dropped, merged and rewritten rows exactly, and the compare against the base shows them so', async () => {
    await twoRevisions();
    await edit(ID_004, (data) => {
      cover(data)['organization'] = '伊勢市長　鈴木健二';
      cover(data)['specialNotes'] = '令和8年度から予約システムを変更';
    });
    const third = (await commit(ID_004, 2, '市長の交代と特記事項', '2026-04-01')).json<CommitRevisionResponse>().revision;
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
    const saved = await putRows(ID_004, 3, [merged], third.rowsEtag);
    expect(saved.statusCode).toBe(200);
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2&to=3') })).json<DiffResponse>();
    expect(diff.rows).toEqual([merged]);

    // Dropping every row is a decision too: the proposals do not come back.
    expect((await putRows(ID_004, 3, [], saved.json<RevisionMeta>().rowsEtag)).statusCode).toBe(200);
    const emptied = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=2&to=3') })).json<DiffResponse>();
    expect(emptied.rows).toEqual([]);
    expect(emptied.items).toHaveLength(2);
  });
});

describe('status: the transition table, the ERROR gate and the frozen record', () => {
  it('marks a revision submitted with the name kept in its log; the list shows the newest revision’s status', async () => {
    await twoRevisions();
    expect((await submit(ID_004, 1)).statusCode).toBe(200);
    const response = await submit(ID_004, 2, { remark: '委員会へ提出' });
    expect(response.statusCode).toBe(200);
    const meta = response.json<RevisionMeta>();
    expect(meta).toMatchObject({ status: 'submitted', rowsEditable: false, transitions: [{ to: 'published' }, { to: 'withdrawn' }] });
    const at = '2025-10-01T16:00:00.000Z';
    expect(meta.statusLog).toEqual([
      { status: 'review', at, by: AUTHOR },
      { status: 'approved', at, by: REVIEWER },
      { status: 'submitted', at, by: AUTHOR, remark: '委員会へ提出' },
    ]);
    expect(await summaryOf(ID_004)).toMatchObject({ revisionCount: 2, status: 'submitted' });
    const filtered = (await server.app.inject({ method: 'GET', url: '/api/assessments?status=submitted' })).json<{ items: AssessmentSummary[] }>();
    expect(filtered.items.map((item) => item.id)).toEqual([ID_004]);
  });

  it('lists the phase of the newest revision: 修正中 for a revision of 004 (published before, as its history says), none once filed', async () => {
    expect((await commit(ID_004, null)).statusCode).toBe(201);
    expect(await summaryOf(ID_004)).toMatchObject({ revisionCount: 1, status: 'draft', phase: 'correcting' });
    await approve(ID_004, 1);
    expect(await summaryOf(ID_004)).toMatchObject({ status: 'approved', phase: 'correcting' });
    expect((await setStatus(ID_004, 1, { status: 'submitted' })).statusCode).toBe(200);
    expect(await summaryOf(ID_004)).toMatchObject({ status: 'submitted', phase: null });
  });

  it('freezes the rows of a submitted revision: PUT rows is 423, the compare is read-only, the PDF keeps the submitted text', async () => {
    const meta = await twoRevisions();
    await submit(ID_004, 1);
    await submit(ID_004, 2);
    const rewritten = meta.rows.map((row) => ({ ...row, explanation: '提出後の書き換え' }));
    const refused = await putRows(ID_004, 2, rewritten, meta.rowsEtag);
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({
      code: 'REVISION_FROZEN',
      message: '第2版は「提出済み」のため、変更箇所も内容も変更できません。直すときは、作業中の評価書から新しい版を確定してください。',
    });
    const diff = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=2') })).json<DiffResponse>();
    expect(diff.editable).toBe(false);
    const pdf = await pdfText((await server.app.inject({ method: 'GET', url: api(ID_004, '/pdf') })).rawPayload, server.root);
    expect(pdf).not.toContain('提出後の書き換え');
    expect(pdf).toContain('伊勢市長鈴木健一');
  });

  it('refuses a step the table does not have (409), requires a name, and a reason to withdraw, which is kept', async () => {
    await twoRevisions();
    const published = await setStatus(ID_004, 2, { status: 'published' });
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({
      code: 'STATUS_TRANSITION_INVALID',
      message: '第2版は「作成中」です。「公表済み」にはできません。この版でできる操作: 「確認を依頼する」・「取り下げる」。',
    });
    const nameless = await server.app.inject({ method: 'PUT', url: api(ID_004, '/revisions/2/status'), payload: { status: 'submitted', by: '' } });
    expect(nameless.json()).toMatchObject({ code: 'AUTHOR_REQUIRED' });
    const noReason = await setStatus(ID_004, 2, { status: 'withdrawn' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({ code: 'STATUS_REASON_REQUIRED' });
    const withdrawn = await setStatus(ID_004, 2, { status: 'withdrawn', reason: '市長名の誤り' });
    expect(withdrawn.json<RevisionMeta>()).toMatchObject({ status: 'withdrawn', transitions: [], statusLog: [{ reason: '市長名の誤り' }] });
    // Its changes go with the next revision: proposed against revision 1, the newest still in the record.
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長　鈴木健一郎'));
    const third = (await commit(ID_004, 2)).json<CommitRevisionResponse>().revision;
    expect(third).toMatchObject({ number: 3, baseRevision: 2, predecessor: 1 });
    expect(third.rows.map((row) => [row.before, row.after])).toEqual([['伊勢市長', '伊勢市長　鈴木健一郎']]);
  });

  it('refuses submission while ERROR findings exist, listing them (422), also for a step from 提出済み', async () => {
    // 002 as published leaves two required items of the form empty: ERROR findings of the consistency checks.
    expect((await commit(ID_002, null)).statusCode).toBe(201);
    const response = await submit(ID_002, 1);
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { findings: { severity: string }[] } }>();
    expect(body.code).toBe('ASSESSMENT_INVALID');
    const count = body.details.findings.length;
    expect(count).toBeGreaterThan(0);
    expect(body.details.findings.every((finding) => finding.severity === 'ERROR')).toBe(true);
    expect(body.message).toBe(
      `整合性チェックで誤り（エラー）が${count}件見つかったため、第1版を「提出済み」にできません。誤りを直した評価書で新しい版を確定してください。`,
    );
    expect((await revisions(ID_002))[0]!.status).toBe('approved');
  });

  it('submits a revision only after the earlier ones of the record, so no change is missing from the appendix', async () => {
    await twoRevisions();
    const early = await submit(ID_004, 2);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ message: string }>().message).toContain('第1版が「作成中」のままです。');
  });
});

describe('distant revisions: a read-only view, each change recorded once', () => {
  it('第2版 changes ②, 第3版 changes ①; compare 第1版→第3版 is read-only and saving it cannot record ② in 第3版; the PDF prints each once', async () => {
    expect((await commit(ID_004, null, '公表版', '2025-08-19')).statusCode).toBe(201);
    await edit(ID_004, (data) => (business(data)['description'] = `${String(business(data)['description'])}\n予防接種台帳の電子化を含む。`));
    expect((await commit(ID_004, 1, '②事務の内容', '2025-10-01')).statusCode).toBe(201);
    await edit(ID_004, (data) => (business(data)['name'] = '予防接種及び健康被害救済に関する事務'));
    const third = (await commit(ID_004, 2, '①事務の名称', '2025-11-01')).json<CommitRevisionResponse>().revision;

    const distant = (await server.app.inject({ method: 'GET', url: api(ID_004, '/diff?from=1&to=3') })).json<DiffResponse>();
    expect(distant).toMatchObject({ rowsSource: 'range', rowsOf: [2, 3], editable: false });
    expect(distant.rowsEtag).toBeUndefined();
    expect(distant.items.map((item) => item.pointer)).toEqual(['/basicInfo/business/name', '/basicInfo/business/description']);
    expect(distant.rows.map((row) => [row.date, row.pointer])).toEqual([
      ['2025-10-01', '/basicInfo/business/description'],
      ['2025-11-01', '/basicInfo/business/name'],
    ]);

    // A client that saves the view's rows into 第3版 (the only rows route) is refused: ② is 第2版's change.
    const tried = await putRows(ID_004, 3, distant.rows, third.rowsEtag);
    expect(tried.statusCode).toBe(422);
    expect(tried.json()).toMatchObject({ code: 'ROW_NOT_IN_REVISION' });
    const stored = await revisions(ID_004);
    expect(stored.map((meta) => meta.rows.map((row) => row.pointer))).toEqual([
      [],
      ['/basicInfo/business/description'],
      ['/basicInfo/business/name'],
    ]);

    for (const n of [1, 2, 3]) expect((await submit(ID_004, n)).statusCode).toBe(200);
    const pdf = await pdfText((await server.app.inject({ method: 'GET', url: api(ID_004, '/pdf') })).rawPayload, server.root);
    expect(pdf.split('予防接種台帳の電子化を含む。').length - 1).toBe(2); // once in Ⅰ１②, once in the appendix
    expect(pdf.match(/令和7年11月1日/g)).toHaveLength(1);
    expect(pdf.match(/令和7年10月1日/g)).toHaveLength(1);
  });
});

describe('GET /api/assessments/:id/pdf?revision=n', () => {
  it('prints revision n with its own confirmed 変更箇所 rows', async () => {
    const meta = await twoRevisions();
    const rows = meta.rows.map((row) => ({ ...row, explanation: '市長の交代に伴う記載の更新' }));
    expect((await putRows(ID_004, 2, rows, meta.rowsEtag)).statusCode).toBe(200);
    await edit(ID_004, (data) => (cover(data)['organization'] = '伊勢市長（作業中）'));
    const response = await server.app.inject({ method: 'GET', url: api(ID_004, '/pdf?revision=2') });
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload, server.root);
    expect(text).toContain('市長の交代に伴う記載の更新');
    expect(text).toContain('伊勢市長鈴木健一');
    expect(text).not.toContain('作業中');
  });
});

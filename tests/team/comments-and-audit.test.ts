import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, CommentThread } from '../../src/server/team/dto.js';
import { ID_001, ID_004, draftPath } from '../server/helpers.js';
import { type Client, useTeamServer } from './server.js';

const server = useTeamServer();

const draftOf = async (client: Client, id: string) =>
  (await client.request({ method: 'GET', url: `/api/assessments/${id}` })).json() as {
    etag: string;
    data: Record<string, any>;
  };

const comment = (client: Client, id: string, payload: object) =>
  client.request({ method: 'POST', url: `/api/assessments/${id}/comments`, payload });

const auditOf = async (client: Client, id?: string): Promise<AuditEntry[]> =>
  (
    (await client.request({ method: 'GET', url: id ? `/api/assessments/${id}/audit` : '/api/audit' })).json() as {
      items: AuditEntry[];
    }
  ).items;

describe('comments on items', () => {
  it('anchors a comment to an item with its official path, threads replies, resolves and reopens', async () => {
    const reviewer = await server.login('kakunin');
    const author = await server.login('sakusei');
    const created = await comment(reviewer, ID_004, {
      revision: 'draft',
      pointer: '/basicInfo/systems/1/name',
      body: 'システム名が前回と違います。',
    });
    expect(created.statusCode).toBe(201);
    const thread = created.json() as CommentThread;
    expect(thread).toMatchObject({
      assessmentId: ID_004,
      revision: null,
      pointer: '/basicInfo/systems/1/name',
      itemPath: [
        'Ⅰ　基本情報',
        '２．特定個人情報ファイルを取り扱う事務において使用するシステム',
        'システム2',
        '①システムの名称',
      ],
      resolved: null,
      comments: [{ authorName: '確認 太郎', body: 'システム名が前回と違います。' }],
    });
    const replied = await author.request({
      method: 'POST',
      url: `/api/assessments/${ID_004}/comments/${thread.id}/replies`,
      payload: { body: '直しました。' },
    });
    expect(replied.statusCode).toBe(201);
    expect((replied.json() as CommentThread).comments.map((c) => c.authorName)).toEqual(['確認 太郎', '作成 花子']);
    const resolution = (resolved: boolean) =>
      author.request({
        method: 'PUT',
        url: `/api/assessments/${ID_004}/comments/${thread.id}/resolution`,
        payload: { resolved },
      });
    expect((await resolution(true)).json()).toMatchObject({ resolved: { by: '作成 花子' } });
    expect((await resolution(false)).json()).toMatchObject({ resolved: null });
  });

  it('refuses an item the form does not have, a missing revision, an empty body and an unknown thread', async () => {
    const reviewer = await server.login('kakunin');
    const unknown = await comment(reviewer, ID_004, { revision: 'draft', pointer: '/cover/noSuchItem', body: 'x' });
    expect(unknown.json()).toEqual({
      code: 'INVALID_REQUEST',
      message: '「/cover/noSuchItem」は様式の項目を指していません。',
    });
    const missing = await comment(reviewer, ID_004, { revision: 9, pointer: '/cover/title', body: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('第9版はありません');
    expect(
      (await comment(reviewer, ID_004, { revision: 'draft', pointer: '/cover/title', body: '   ' })).statusCode,
    ).toBe(400);
    const reply = await reviewer.request({
      method: 'POST',
      url: `/api/assessments/${ID_004}/comments/999/replies`,
      payload: { body: 'x' },
    });
    expect(reply.json()).toMatchObject({ code: 'COMMENT_NOT_FOUND' });
  });

  it('stays readable after its item was deleted, and lists by status, by participant and per item, with counts', async () => {
    const reviewer = await server.login('kakunin');
    const author = await server.login('sakusei');
    const onSystem = (
      await comment(reviewer, ID_004, {
        revision: 'draft',
        pointer: '/basicInfo/systems/3/name',
        body: 'システム4は廃止では？',
      })
    ).json() as CommentThread;
    const onTitle = (
      await comment(author, ID_004, { revision: 'draft', pointer: '/cover/title', body: '表題を確認' })
    ).json() as CommentThread;
    await author.request({
      method: 'PUT',
      url: `/api/assessments/${ID_004}/comments/${onTitle.id}/resolution`,
      payload: { resolved: true },
    });
    const draft = await draftOf(author, ID_004);
    draft.data['basicInfo'].systems.splice(3, 1);
    const saved = await author.request({
      method: 'PUT',
      url: `/api/assessments/${ID_004}`,
      headers: { 'if-match': `"${draft.etag}"` },
      payload: { data: draft.data },
    });
    expect(saved.statusCode).toBe(200);
    const list = async (query: string) =>
      (
        (await reviewer.request({ method: 'GET', url: `/api/assessments/${ID_004}/comments${query}` })).json() as {
          items: CommentThread[];
        }
      ).items.map((t) => t.id);
    const all = (await reviewer.request({ method: 'GET', url: `/api/assessments/${ID_004}/comments` })).json() as {
      items: CommentThread[];
    };
    expect(all.items.find((t) => t.id === onSystem.id)!.itemPath).toEqual([
      'Ⅰ　基本情報',
      '２．特定個人情報ファイルを取り扱う事務において使用するシステム',
      'システム4',
      '①システムの名称',
    ]);
    expect(await list('?status=open')).toEqual([onSystem.id]);
    expect(await list('?status=resolved')).toEqual([onTitle.id]);
    expect(await list('?mine=1')).toEqual([onSystem.id]);
    expect(await list('?pointer=%2Fcover%2Ftitle')).toEqual([onTitle.id]);
    expect(await list('?revision=1')).toEqual([]);
    const counts = await reviewer.request({ method: 'GET', url: `/api/assessments/${ID_004}/comments/counts` });
    expect(counts.json()).toEqual({
      revision: 'draft',
      counts: { '/basicInfo/systems/3/name': { open: 1, total: 1 }, '/cover/title': { open: 0, total: 1 } },
    });
  });
});

describe('the audit log', () => {
  it('records login, save, commit, rows, status, comments and PDFs of non-public versions with user, address and hashes', async () => {
    const author = await server.login('sakusei');
    const draft = await draftOf(author, ID_004);
    draft.data['cover'].organization = '伊勢市長（監査の試験）';
    const saved = await author.request({
      method: 'PUT',
      url: `/api/assessments/${ID_004}`,
      headers: { 'if-match': `"${draft.etag}"` },
      payload: { data: draft.data },
    });
    const afterSave = (saved.json() as { etag: string }).etag;
    const committed = await author.request({
      method: 'POST',
      url: `/api/assessments/${ID_004}/revisions`,
      payload: { message: '監査の試験', changeDate: '2026-04-01', author: '作成 花子', baseRevision: null },
    });
    expect(committed.statusCode).toBe(201);
    const { number: n, rowsEtag } = (committed.json() as { revision: { number: number; rowsEtag: string } }).revision;
    expect(
      (
        await author.request({
          method: 'PUT',
          url: `/api/assessments/${ID_004}/revisions/${n}/rows`,
          headers: { 'if-match': `"${rowsEtag}"` },
          payload: { rows: [] },
        })
      ).statusCode,
    ).toBe(200);
    const reviewer = await server.login('kakunin');
    const step = (client: typeof author, status: string) =>
      client.request({ method: 'PUT', url: `/api/assessments/${ID_004}/revisions/${n}/status`, payload: { status } });
    expect((await step(author, 'review')).statusCode).toBe(200);
    expect((await step(reviewer, 'approved')).statusCode).toBe(200);
    expect((await step(author, 'submitted')).statusCode).toBe(200);
    expect(
      (await author.request({ method: 'GET', url: `/api/assessments/${ID_004}/pdf?revision=${n}&download=1` }))
        .statusCode,
    ).toBe(200);
    await comment(author, ID_004, { revision: n, pointer: '/cover/title', body: '改訂のコメント' });

    const entries = await auditOf(author, ID_004);
    expect(entries.map((e) => e.event)).toEqual([
      'draft.save',
      'revision.commit',
      'revision.rows',
      'revision.status',
      'revision.status',
      'revision.status',
      'pdf.download',
      'comment.create',
    ]);
    expect(entries.map((e) => e.userLogin)).toEqual(['sakusei', 'sakusei', 'sakusei', 'sakusei', 'kakunin', 'sakusei', 'sakusei', 'sakusei']);
    for (const entry of entries) expect(entry).toMatchObject({ address: '127.0.0.1', assessmentId: ID_004 });
    const [save, commit, rows, requested, approved, status, pdf] = entries;
    expect([requested, approved].map((entry) => entry!.detail)).toEqual([{ status: 'review' }, { status: 'approved' }]);
    expect(requested!.hashBefore).toBe(rows!.hashAfter);
    expect(save).toMatchObject({ hashBefore: draft.etag, hashAfter: afterSave, revision: null });
    expect(commit).toMatchObject({ revision: n, hashBefore: afterSave, hashAfter: expect.any(String) });
    expect(rows!.hashBefore).toBe(commit!.hashAfter);
    expect(status).toMatchObject({ hashBefore: approved!.hashAfter, detail: { status: 'submitted' } });
    expect(status!.hashAfter).not.toBe(status!.hashBefore);
    expect(pdf).toMatchObject({ revision: n, hashAfter: status!.hashAfter, detail: { download: true } });

    const admin = await server.login('kanri');
    const all = await auditOf(admin);
    expect(all[0]).toMatchObject({ seq: 1, event: 'login', userLogin: 'sakusei' });
    expect((await admin.request({ method: 'GET', url: '/api/audit/verification' })).json()).toMatchObject({
      ok: true,
      count: all.length,
      problems: [],
    });
  });

  it('does not record a refused change', async () => {
    const author = await server.login('sakusei');
    const stale = await author.request({
      method: 'PUT',
      url: `/api/assessments/${ID_004}`,
      headers: { 'if-match': '"stale"' },
      payload: { data: (await draftOf(author, ID_004)).data },
    });
    expect(stale.statusCode).toBe(409);
    expect(await auditOf(author, ID_004)).toEqual([]);
  });

  it('records a delta save (PATCH) as a save, with the versions before and after; refuses it to a reader and records no refused one', async () => {
    const author = await server.login('sakusei');
    const draft = await draftOf(author, ID_004);
    const operations = [{ op: 'replace', path: '/cover/specialNotes', value: '差分で保存' }];
    const saved = await author.request({ method: 'PATCH', url: `/api/assessments/${ID_004}`, headers: { 'if-match': `"${draft.etag}"` }, payload: { operations } });
    expect(saved.statusCode).toBe(200);
    const invalid = await author.request({
      method: 'PATCH',
      url: `/api/assessments/${ID_004}`,
      headers: { 'if-match': `"${(saved.json() as { etag: string }).etag}"` },
      payload: { operations: [{ op: 'remove', path: '/cover/nothing' }] },
    });
    expect(invalid.statusCode).toBe(422);
    const reader = await server.login('etsuran');
    const refused = await reader.request({ method: 'PATCH', url: `/api/assessments/${ID_004}`, headers: { 'if-match': `"${(saved.json() as { etag: string }).etag}"` }, payload: { operations } });
    expect(refused.statusCode).toBe(403);
    const entries = await auditOf(author, ID_004);
    expect(entries.map((entry) => [entry.event, entry.hashBefore, entry.hashAfter])).toEqual([['draft.save', draft.etag, (saved.json() as { etag: string }).etag]]);
  });

  it('records a draft changed on disk outside the app when it is next read', async () => {
    const author = await server.login('sakusei');
    const draft = await draftOf(author, ID_001);
    const saved = await author.request({
      method: 'PUT',
      url: `/api/assessments/${ID_001}`,
      headers: { 'if-match': `"${draft.etag}"` },
      payload: { data: draft.data },
    });
    const file = draftPath(server.dataDir, ID_001);
    await writeFile(file, `${await readFile(file, 'utf8')}\n# edited by hand\n`);
    const reread = await draftOf(author, ID_001);
    await server.app.close();
    const entries = await server.db.query<{ event: string; hash_before: string; hash_after: string }>(
      'SELECT event, hash_before, hash_after FROM audit_log WHERE assessment_id = $1 ORDER BY seq',
      [ID_001],
    );
    expect(entries).toEqual([
      { event: 'draft.save', hash_before: draft.etag, hash_after: (saved.json() as { etag: string }).etag },
      { event: 'draft.changed-outside', hash_before: (saved.json() as { etag: string }).etag, hash_after: reread.etag },
    ]);
  });

  it('exports per assessment as CSV for Excel, with formulas defused, and the whole log only for 管理者', async () => {
    await server.anonymous.request({
      method: 'POST',
      url: '/api/session',
      payload: { login: '=HYPERLINK("http://evil.example")', password: 'x' },
    });
    const reviewer = await server.login('kakunin');
    await comment(reviewer, ID_004, { revision: 'draft', pointer: '/cover/title', body: 'CSVの試験' });
    const csv = await reviewer.request({ method: 'GET', url: `/api/assessments/${ID_004}/audit?format=csv` });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('.csv');
    expect(csv.body.startsWith('\uFEFF番号,日時（UTC）,日時（日本時間）,操作,操作コード,利用者')).toBe(true);
    const [, row] = csv.body.split('\r\n');
    expect(row).toMatch(
      /^\d+,2026-04-01T09:00:00.000Z,令和8年4月1日 18:00:00,コメントの記入,comment.create,kakunin,127.0.0.1,004-ise-yobosesshu,,/,
    );
    expect((await reviewer.request({ method: 'GET', url: '/api/audit?format=csv' })).statusCode).toBe(403);
    const admin = await server.login('kanri');
    const all = await admin.request({ method: 'GET', url: '/api/audit?format=csv' });
    expect(all.body).toContain(`,"'=hyperlink(""http://evil.example"")",`);
  });
});

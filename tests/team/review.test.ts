/**
 * The review over the API of the team server: the signed-in account is the author and the one who takes a step,
 * whatever the body says; 承認 needs 確認者 and someone other than the author; each step is in the audit log.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, RevisionMeta } from '../../src/server/dto.js';
import { useTeamServer, type Client } from './server.js';

const ID = '004-ise-yobosesshu';
const server = useTeamServer();

const step = (client: Client, status: string, extra: Record<string, unknown> = {}) =>
  client.request({ method: 'PUT', url: `/api/assessments/${ID}/revisions/1/status`, payload: { status, ...extra } });

describe('the review on the team server', () => {
  it('records accounts, not typed names; refuses 承認 by the author and by roles without it; audits each step', async () => {
    const author = await server.login('sakusei');
    const committed = await author.request({
      method: 'POST',
      url: `/api/assessments/${ID}/revisions`,
      payload: { message: '公表版', author: '誰か別の人', baseRevision: null },
    });
    expect(committed.statusCode).toBe(201);
    expect((committed.json() as { revision: RevisionMeta }).revision).toMatchObject({ author: '作成 花子', account: 'sakusei' });
    expect((await step(author, 'review', { by: '偽名' })).json()).toMatchObject({ statusLog: [{ by: '作成 花子', account: 'sakusei' }] });

    const own = await step(author, 'approved');
    expect([own.statusCode, own.json().message]).toEqual([403, '「承認する」は確認者が行う手順です。この評価書でのあなたの役割では行えません。']);
    const viewer = await server.login('etsuran');
    expect((await step(viewer, 'approved')).statusCode).toBe(403);
    const reviewer = await server.login('kakunin');
    expect((await step(reviewer, 'withdrawn', { reason: 'x' })).json()).toMatchObject({
      code: 'FORBIDDEN',
      message: '「取り下げる」は作成者が行う手順です。この評価書でのあなたの役割では行えません。',
    });
    const approved = await step(reviewer, 'approved', { remark: '確認しました' });
    expect(approved.json()).toMatchObject({ status: 'approved', transitions: [{ step: 'submit' }, { step: 'withdraw' }] });

    const audit = (await author.request({ method: 'GET', url: `/api/assessments/${ID}/audit` })).json() as { items: AuditEntry[] };
    expect(audit.items.filter((entry) => entry.event === 'revision.status').map((entry) => [entry.userLogin, entry.detail])).toEqual([
      ['sakusei', { status: 'review' }],
      ['kakunin', { status: 'approved' }],
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentResponse } from '../../src/server/dto.js';
import { contentDisposition } from '../../src/server/routes/pdf.js';
import { ID_002, buildTestServer, pdfText, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

describe('GET /api/assessments/:id/pdf', () => {
  it('streams the official PDF inline, named after the 評価書名, with the text of the draft as saved', async () => {
    const got = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}` });
    const { data, etag } = got.json<AssessmentResponse>();
    (data['cover'] as Record<string, unknown>)['organization'] = '長岡市長（改訂テスト）';
    const saved = await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${ID_002}`,
      headers: { 'if-match': `"${etag}"` },
      payload: { data },
    });
    expect(saved.statusCode).toBe(200);

    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}/pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const title = '新型コロナウイルス感染症対策に係る 予防接種事務 重点項目評価書';
    expect(response.headers['content-disposition']).toBe(contentDisposition('inline', title, ID_002));
    expect(await pdfText(response.rawPayload, server.root)).toContain('長岡市長（改訂テスト）');
  });

  it('offers the PDF as a download with download=1', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}/pdf?download=1` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="002-nagaoka-covid19\.pdf"; filename\*=UTF-8''/,
    );
  });

  it('refuses a draft with validation issues, listing them (422)', async () => {
    const got = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}` });
    const { data, etag } = got.json<AssessmentResponse>();
    (data['cover'] as Record<string, unknown>)['number'] = '三十二';
    await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${ID_002}`,
      headers: { 'if-match': `"${etag}"` },
      payload: { data },
    });
    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}/pdf` });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { issues: { pointer: string }[] } }>();
    expect(body.code).toBe('ASSESSMENT_INVALID');
    expect(body.message).toBe(
      '評価書に様式の定めに合わない箇所が1件あるため、PDFを出力できません。指摘のある項目を直してから、もう一度出力してください。',
    );
    expect(body.details.issues.map((issue) => issue.pointer)).toEqual(['/cover/number']);
  });

  it('answers 404 for an assessment that does not exist', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments/nai-hyokasho/pdf' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
      message: '評価書「nai-hyokasho」が見つかりません。',
    });
  });
});

describe('contentDisposition', () => {
  it('encodes the Japanese name in UTF-8 and replaces characters Windows refuses', () => {
    expect(contentDisposition('attachment', '評価書: 予防接種/事務', 'x')).toBe(
      `attachment; filename="x.pdf"; filename*=UTF-8''${encodeURIComponent('評価書_ 予防接種_事務.pdf')}`,
    );
  });
});

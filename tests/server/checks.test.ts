import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAssessment } from '../../src/checks/index.js';
import type { AssessmentResponse, ChecksResponse } from '../../src/server/dto.js';
import { fixedClock } from '../../src/workflows/index.js';
import { ID_002, ID_004, buildTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer({ clock: fixedClock(new Date('2025-09-30T15:30:00Z')) });
});
afterEach(() => server.cleanup());

const findingsOf = async (id: string): Promise<ChecksResponse['findings']> => {
  const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${id}/checks` });
  expect(response.statusCode).toBe(200);
  return response.json<ChecksResponse>().findings;
};

describe('GET /api/assessments/:id/checks', () => {
  it('returns the findings of the consistency rules for the draft as saved, counted from the server clock’s day in Japan', async () => {
    const { data, form } = (
      await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })
    ).json<AssessmentResponse>();
    const findings = await findingsOf(ID_004);
    // 2025-09-30T15:30Z is already 1 October in Japan: the reminders count from 2025-10-01, as `pia check --today` does.
    expect(findings).toEqual(checkAssessment(form, data, { today: '2025-10-01' }));
    expect(findings.map((finding) => finding.ruleId)).toContain('consignment.count');
  });

  it('reflects a save at once: a required item emptied becomes an ERROR at its pointer', async () => {
    const before = await findingsOf(ID_002);
    const got = (
      await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}` })
    ).json<AssessmentResponse>();
    (got.data['cover'] as Record<string, unknown>)['organization'] = '';
    const saved = await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${ID_002}`,
      headers: { 'if-match': `"${got.etag}"` },
      payload: { data: got.data },
    });
    expect(saved.statusCode).toBe(200);
    const after = await findingsOf(ID_002);
    const errorsAt = (findings: typeof before) =>
      findings.filter((finding) => finding.severity === 'ERROR').flatMap((finding) => finding.pointers);
    expect(errorsAt(before)).not.toContain('/cover/organization');
    expect(errorsAt(after)).toContain('/cover/organization');
  });

  it('answers 404 for an assessment that does not exist', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments/nai-hyokasho/checks' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
  });
});

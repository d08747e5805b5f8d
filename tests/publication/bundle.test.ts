/**
 * The verifiable bundle: `pia publish` writes the 公表版, the 提出版, the revision's YAML and a manifest of SHA-256s;
 * the PDFs name their revision, variant and YAML hash; the 提出版 carries the YAML; `pia verify` re-renders and
 * compares bytes. The same through the API (downloads of each variant, the redline and the bundle as a zip), and
 * `pia withhold` / `pia withheld` / `pia render --public --against`.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../src/render/index.js';
import { createPublicationTools } from '../../src/publishing.js';
import { commitRevision, verifyPdf, withholdInDraft } from '../../src/workflows/index.js';
import { pia } from '../helpers/cli.js';
import { inflatedPdf, pageText } from '../helpers/pdf.js';
import { AUTHOR, ISE_EDITS, commitAndSubmit, editText, iseWithHistory, workflowAt } from '../helpers/publication.js';
import { squash } from '../helpers/render.js';
import { makeTempDir } from '../helpers/seeds.js';
import { ID_004, buildTestServer, draftPath, type TestServer } from '../server/helpers.js';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const ENV = { env: { PIA_AUTHOR: AUTHOR }, today: '2025-10-01' };
const WITHHELD = '24時間365日';

describe('pia publish / verify', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  let out: string;
  const bundled = (name: string): string => path.join(out, name);

  beforeAll(async () => {
    temp = await makeTempDir();
    ({ file } = await iseWithHistory(temp.dir, {
      second: true,
      beforeSecond: async (draft) => {
        await withholdInDraft(await workflowAt(draft), { pointer: '/files/0/riskMeasures/storage/otherRisks', text: WITHHELD, reason: '監視の時間帯' });
      },
    }));
    out = path.join(temp.dir, 'bundle');
    const published = await pia(['publish', file, '2', '-o', out], ENV);
    expect(published.err).toBe('');
    expect(published.code).toBe(0);
  }, 180_000);
  afterAll(() => temp.cleanup());

  it('writes both PDFs, the YAML and a manifest whose SHA-256s are the files’', async () => {
    const names = (await readdir(out)).sort();
    expect(names).toEqual(['004-ise-yobosesshu-r2-公表版.pdf', '004-ise-yobosesshu-r2-提出版.pdf', '004-ise-yobosesshu-r2.yaml', 'manifest.json'].sort());
    const manifest = JSON.parse(await readFile(bundled('manifest.json'), 'utf8')) as { revision: number; status: string; files: { name: string; sha256: string; role: string }[] };
    expect(manifest).toMatchObject({ revision: 2, status: 'submitted' });
    for (const entry of manifest.files) expect(sha(await readFile(bundled(entry.name)))).toBe(entry.sha256);
    expect(manifest.files.map((entry) => entry.role).sort()).toEqual(['public', 'source', 'submission']);
  });

  it('stamps both PDFs with the revision, the variant and the YAML’s hash; only the 提出版 carries the YAML', async () => {
    const yaml = await readFile(bundled('004-ise-yobosesshu-r2.yaml'));
    const submission = inspectPdf(await readFile(bundled('004-ise-yobosesshu-r2-提出版.pdf')));
    const published = inspectPdf(await readFile(bundled('004-ise-yobosesshu-r2-公表版.pdf')));
    expect(submission.info).toMatchObject({ PiaAssessment: '004-ise-yobosesshu', PiaRevision: '2', PiaVariant: 'submission', PiaSourceSHA256: sha(yaml) });
    expect(published.info).toMatchObject({ PiaRevision: '2', PiaVariant: 'public', PiaSourceSHA256: sha(yaml) });
    expect(submission.files).toEqual([{ name: '004-ise-yobosesshu-r2.yaml', bytes: expect.any(Uint8Array) }]);
    expect(Buffer.from(submission.files[0]!.bytes).equals(yaml)).toBe(true);
    expect(published.files).toEqual([]);
    expect(yaml.toString('utf8')).toContain(WITHHELD);
  });

  it('verifies the 提出版 on its own, the 公表版 with the bundle’s YAML or the assessment’s record, and says which', async () => {
    const alone = await pia(['verify', bundled('004-ise-yobosesshu-r2-提出版.pdf')], ENV);
    expect(alone.code).toBe(0);
    expect(alone.out).toContain('評価書「004-ise-yobosesshu」第2版の提出版です');
    expect(alone.out).toContain('改変されていません');
    const withYaml = await pia(['verify', bundled('004-ise-yobosesshu-r2-公表版.pdf'), bundled('004-ise-yobosesshu-r2.yaml')], ENV);
    expect(withYaml.code).toBe(0);
    expect(withYaml.out).toContain('第2版の公表版です');
    expect((await pia(['verify', bundled('004-ise-yobosesshu-r2-公表版.pdf'), file], ENV)).code).toBe(0);
    const without = await pia(['verify', bundled('004-ise-yobosesshu-r2-公表版.pdf')], ENV);
    expect(without.code).toBe(1);
    expect(without.err).toContain('元のYAMLが添付されていない');
  }, 120_000);

  it('detects an altered PDF, a YAML of another revision, and a PDF it did not stamp', async () => {
    const pdf = await readFile(bundled('004-ise-yobosesshu-r2-公表版.pdf'));
    // One byte of the document information changed, as an editor saving "properties" would.
    const altered = Buffer.from(pdf);
    altered[altered.indexOf('/Subject') + 2] = 'X'.charCodeAt(0);
    await writeFile(path.join(temp.dir, 'altered.pdf'), altered);
    const verdict = await pia(['verify', path.join(temp.dir, 'altered.pdf'), bundled('004-ise-yobosesshu-r2.yaml')], ENV);
    expect(verdict.code).toBe(1);
    expect(verdict.err).toContain('改変されています');

    const first = path.join(temp.dir, 'bundle-r1');
    expect((await pia(['publish', file, '1', '-o', first], ENV)).code).toBe(0);
    const other = await pia(['verify', bundled('004-ise-yobosesshu-r2-公表版.pdf'), path.join(first, '004-ise-yobosesshu-r1.yaml')], ENV);
    expect(other.code).toBe(1);
    expect(other.err).toContain('指定したYAMLはその版のものではありません');

    const draftPdf = path.join(temp.dir, 'draft.pdf');
    expect((await pia(['render', file, '-o', draftPdf], ENV)).code).toBe(0);
    const unstamped = await pia(['verify', draftPdf], ENV);
    expect(unstamped.code).toBe(1);
    expect(unstamped.err).toContain('版の情報がありません');
  }, 180_000);

  it('refuses to bundle a revision still 作成中', async () => {
    await editText(file, [['予防接種に関する事務　重点項目評価書', '予防接種に関する事務　重点項目評価書（案）']]);
    await commitRevision(await workflowAt(file), { message: '案', author: AUTHOR, changeDate: '2025-10-01' });
    const refused = await pia(['publish', file, '3', '-o', path.join(temp.dir, 'r3')], ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第3版は「作成中」です');
  }, 60_000);
});

describe('pia withhold / withheld / render --public --against', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  beforeAll(async () => {
    temp = await makeTempDir();
    ({ file } = await iseWithHistory(temp.dir));
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('flags a span and a whole value with reasons, lists them numbered, removes one, and refuses what it cannot flag', async () => {
    const span = await pia(['withhold', file, '/files/0/riskMeasures/storage/otherRisks', '--text', WITHHELD, '-m', '監視の時間帯'], ENV);
    expect(span.code).toBe(0);
    expect(span.out).toContain(`「${WITHHELD}」を非公表にしました`);
    expect((await pia(['withhold', file, '/files/0/overview/storage/location', '--all', '-m', '所在'], ENV)).code).toBe(0);
    const listed = await pia(['withheld', file], ENV);
    expect(listed.out).toContain(`1. Ⅲ　リスク対策 > ７．特定個人情報の保管・消去`);
    expect(listed.out).toContain('2. Ⅱ　特定個人情報ファイルの概要 > ６．特定個人情報の保管・消去 > 保管場所: 値全体（有効） 理由: 所在');
    expect((await pia(['withhold', file, '--remove', '2'], ENV)).code).toBe(0);
    expect((await pia(['withheld', file], ENV)).out).not.toContain('2.');
    const missing = await pia(['withhold', file, '/files/0/riskMeasures/storage/otherRisks', '--text', '書かれていない文', '-m', '理由'], ENV);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('書かれていません');
    const noReason = await pia(['withhold', file, '/files/0/riskMeasures/storage/otherRisks', '--text', WITHHELD], ENV);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain('理由を指定してください');
    const choice = await pia(['withhold', file, '/files/0/riskMeasures/storage/risk/sufficiency', '--text', '十分', '-m', '理由'], ENV);
    expect(choice.err).toContain('--all');
    expect((await pia(['withhold', file, '/files/0/riskMeasures/storage/otherRisks'], ENV)).code).toBe(2);
  });

  it('renders the draft’s 公表版 with the marker, and a redline against revision 1', async () => {
    const published = path.join(temp.dir, 'public.pdf');
    expect((await pia(['render', file, '--public', '-o', published], ENV)).code).toBe(0);
    const text = squash(pageText(await readFile(published), temp.dir, 'public'));
    expect(text).not.toContain(WITHHELD);
    expect(text).toContain(squash('脅威検出やDDos対策を（セキュリティ上のリスクがあるため非公表）講じる'));
    await editText(file, ISE_EDITS);
    const redline = path.join(temp.dir, 'redline.pdf');
    const rendered = await pia(['render', file, '--against', '1', '-o', redline], ENV);
    expect(rendered.code).toBe(0);
    expect(inspectPdf(await readFile(redline)).info).toMatchObject({ PiaVariant: 'redline', PiaAgainst: '1', PiaRevision: 'draft' });
  }, 120_000);
});

describe('the publication API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await buildTestServer();
    const workflow = await workflowAt(draftPath(server.dataDir, ID_004));
    await commitAndSubmit(workflow, '令和7年8月19日公表版', '2025-08-19');
    await editText(draftPath(server.dataDir, ID_004), ISE_EDITS);
    await withholdInDraft(workflow, { pointer: '/files/0/riskMeasures/storage/otherRisks', text: WITHHELD, reason: '監視の時間帯' });
  }, 60_000);
  afterAll(() => server.cleanup());

  const get = (url: string) => server.app.inject({ method: 'GET', url });

  it('serves the 公表版 and 提出版 of the draft and of a revision, stamped for a revision, as download on request', async () => {
    const draftPublic = await get(`/api/assessments/${ID_004}/print/public`);
    expect(draftPublic.statusCode).toBe(200);
    expect(draftPublic.headers['content-type']).toBe('application/pdf');
    expect(squash(pageText(draftPublic.rawPayload, server.root, 'api-public'))).not.toContain(WITHHELD);
    const revision = await get(`/api/assessments/${ID_004}/print/submission?revision=1&download=1`);
    expect(revision.statusCode).toBe(200);
    expect(revision.headers['content-disposition']).toMatch(/^attachment; filename="004-ise-yobosesshu-submission\.pdf"/);
    expect(inspectPdf(revision.rawPayload).info).toMatchObject({ PiaRevision: '1', PiaVariant: 'submission' });
    expect((await get(`/api/assessments/${ID_004}/print/secret`)).statusCode).toBe(400);
  }, 60_000);

  it('serves a redline of the draft against a revision, and refuses a malformed pair', async () => {
    const redline = await get(`/api/assessments/${ID_004}/redline?from=1&to=draft`);
    expect(redline.statusCode).toBe(200);
    expect(inspectPdf(redline.rawPayload).info['Subject']).toContain('見え消し');
    expect(squash(pageText(redline.rawPayload, server.root, 'api-redline'))).toContain(squash('・監視の結果は月に一度、健康課と情報政策課が確認する。'));
    expect((await get(`/api/assessments/${ID_004}/redline?from=1&to=12x`)).statusCode).toBe(400);
    expect((await get(`/api/assessments/${ID_004}/redline?from=9`)).statusCode).toBe(404);
  }, 60_000);

  it('serves the bundle of a submitted revision as a zip whose manifest lists the files’ SHA-256, and refuses one still 作成中', async () => {
    const bundle = await get(`/api/assessments/${ID_004}/revisions/1/bundle`);
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(bundle.rawPayload));
    const manifest = JSON.parse(Buffer.from(files['004-ise-yobosesshu-r1/manifest.json']!).toString('utf8')) as { files: { name: string; sha256: string }[] };
    for (const entry of manifest.files) expect(sha(files[`004-ise-yobosesshu-r1/${entry.name}`]!)).toBe(entry.sha256);
    expect(inflatedPdf(files['004-ise-yobosesshu-r1/004-ise-yobosesshu-r1-提出版.pdf']!)).toMatch(/\/EmbeddedFile/);
    // Rendered by the server's worker pool, verified by re-rendering here: the same bytes either way.
    const verdict = await verifyPdf(files['004-ise-yobosesshu-r1/004-ise-yobosesshu-r1-提出版.pdf']!, undefined, createPublicationTools());
    expect(verdict).toMatchObject({ verdict: 'unaltered', revision: 1, variant: 'submission' });
    // The same revision gives the same bundle, byte for byte.
    expect(Buffer.from((await get(`/api/assessments/${ID_004}/revisions/1/bundle`)).rawPayload).equals(bundle.rawPayload)).toBe(true);
    await commitRevision(await workflowAt(draftPath(server.dataDir, ID_004)), { message: '案', author: AUTHOR, changeDate: '2025-10-01' });
    const refused = await get(`/api/assessments/${ID_004}/revisions/2/bundle`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PUBLICATION_NOT_READY' });
  }, 120_000);

  it('names a 公表版 download by its own title: a span withheld in the 評価書名 is not in the file name either', async () => {
    const file = draftPath(server.dataDir, ID_004);
    await editText(file, [['  title: 予防接種に関する事務　重点項目評価書\n', '  title: 予防接種に関する事務（第二庁舎）　重点項目評価書\n']]);
    await withholdInDraft(await workflowAt(file), { pointer: '/cover/title', text: '（第二庁舎）', reason: '庁舎の所在' });
    const fileName = (disposition: unknown): string => decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(String(disposition))![1]!);
    const published = await get(`/api/assessments/${ID_004}/print/public?download=1`);
    expect(published.statusCode).toBe(200);
    expect(fileName(published.headers['content-disposition'])).toBe('予防接種に関する事務（セキュリティ上のリスクがあるため非公表）　重点項目評価書_公表版.pdf');
    const submitted = await get(`/api/assessments/${ID_004}/print/submission?download=1`);
    expect(fileName(submitted.headers['content-disposition'])).toContain('（第二庁舎）');
  }, 60_000);
});

/**
 * rules.md §8: spans withheld in Ⅲ, in Ⅱ 保管場所 and in 変更箇所 rows (an imported row, and a revision's row that
 * quotes a withheld span) never reach the 公表版 by any path (page text, raw bytes with every stream inflated,
 * decoded strings, metadata, bookmarks, the structure tree, attachments), are printed in the 提出版, and the
 * marker stands in their place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicationTools } from '../../src/publishing.js';
import { commitRevision, printVariant, setRevisionStatus, withholdInDraft } from '../../src/workflows/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { inflatedPdf, pageText, structureText, whereTextShows } from '../helpers/pdf.js';
import { AUTHOR, editText, iseWithHistory, workflowAt } from '../helpers/publication.js';
import { squash } from '../helpers/render.js';
import { makeTempDir } from '../helpers/seeds.js';

const MARKER = '（セキュリティ上のリスクがあるため非公表）';
const IN_STORAGE = '本番環境とは別のデータセンター内'; // Ⅱ６ 保管場所
const IN_RISKS = '24時間365日'; // Ⅲ７ その他のリスク, in a line revision 2 changes: its 変更箇所 row quotes it
const IN_HISTORY = '電子錠にて入退室管理を行っている'; // an imported 変更箇所 row's 変更前
const WITHHELD = [IN_STORAGE, IN_RISKS, IN_HISTORY];

const tools = createPublicationTools();
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let publicPdf: Uint8Array;
let submissionPdf: Uint8Array;

beforeAll(async () => {
  temp = await makeTempDir();
  const { workflow } = await iseWithHistory(temp.dir, {
    second: true,
    beforeSecond: async (file) => {
      const draft = await workflowAt(file);
      await withholdInDraft(draft, { pointer: '/files/0/overview/storage/location', text: IN_STORAGE, reason: 'バックアップの所在' });
      await withholdInDraft(draft, { pointer: '/files/0/riskMeasures/storage/otherRisks', text: IN_RISKS, reason: '監視の時間帯' });
      await withholdInDraft(draft, { pointer: '/changeHistory/10/before', text: IN_HISTORY, reason: '入退室管理の方法' });
    },
  });
  const rows = (await workflow.store.listRevisions()).find((revision) => revision.number === 2)!.rows ?? [];
  // The precondition of the 変更箇所 case: revision 2's own row quotes the withheld text.
  expect(rows.some((row) => `${row.before}${row.after}`.includes(IN_RISKS))).toBe(true);
  publicPdf = await tools.render((await printVariant(workflow, 2, 'public', tools)).request);
  submissionPdf = await tools.render((await printVariant(workflow, 2, 'submission', tools)).request);
}, 180_000);
afterAll(() => temp.cleanup());

describe('the 公表版 of a revision with withheld spans', () => {
  it.each(WITHHELD)('shows 「%s」 nowhere: not in page text, bytes, strings, metadata or the structure tree', (text) => {
    expect(whereTextShows(publicPdf, text, temp.dir, 'public')).toEqual([]);
  });

  it('prints the marker in place of each withheld span, the 変更箇所 rows included', () => {
    const text = squash(pageText(publicPdf, temp.dir, 'public-text'));
    // Ⅱ, Ⅲ, the imported row and both cells of revision 2's row on Ⅲ７.
    expect(text.split(squash(MARKER)).length - 1).toBeGreaterThanOrEqual(5);
    expect(text).toContain(squash(`バックアップも日本国内に設置された複数のデータセンターのうち${MARKER}に保存される`));
    expect(text).toContain(squash(`脅威検出やDDos対策を${MARKER}講じる`));
    expect(squash(structureText(publicPdf, temp.dir, 'public-struct'))).toContain(squash(MARKER));
  });

  it('carries no attachment, and says what it is', () => {
    const raw = inflatedPdf(publicPdf);
    expect(raw).not.toMatch(/\/EmbeddedFile/);
    expect(raw).not.toMatch(/\/AF \[/);
    expect(whereTextShows(publicPdf, '公表版', temp.dir, 'public-subject')).toContain('metadata');
  });
});

describe('the 提出版 of the same revision', () => {
  it.each(WITHHELD)('prints 「%s」', (text) => {
    expect(whereTextShows(submissionPdf, text, temp.dir, 'submission')).toEqual(expect.arrayContaining(['page text', 'structure']));
  });

  it('prints no marker', () => {
    expect(squash(pageText(submissionPdf, temp.dir, 'submission-text'))).not.toContain(squash(MARKER));
  });
});

describe('a 公表版 that would show withheld text is refused', () => {
  it('when the withheld text was edited since it was flagged (the flag is stale), and when the same text stands unflagged elsewhere', async () => {
    const local = await makeTempDir();
    try {
      const { file } = await iseWithHistory(local.dir);
      const workflow = await workflowAt(file);
      await withholdInDraft(workflow, { pointer: '/files/0/riskMeasures/storage/otherRisks', text: IN_RISKS, reason: '監視の時間帯' });
      await tools.render((await printVariant(workflow, undefined, 'public', tools)).request);
      await editText(file, [['対策を24時間365日講じる', '対策を常時講じる']]);
      const stale = await expectAppError(printVariant(workflow, undefined, 'public', tools));
      expect(stale.code).toBe('WITHHELD_UNRESOLVED');
      expect(stale.details['unresolved']).toEqual([expect.objectContaining({ state: 'stale' })]);
      // The 提出版 prints everything, flags or not.
      await printVariant(workflow, undefined, 'submission', tools);
      // Flag valid again, but the same words written in Ⅱ 保管場所 without a flag.
      await editText(file, [['対策を常時講じる', '対策を24時間365日講じる'], ['バックアップも日本国内に設置された', 'バックアップも24時間365日、日本国内に設置された']]);
      const leak = await expectAppError(printVariant(workflow, undefined, 'public', tools));
      expect(leak.code).toBe('WITHHELD_UNRESOLVED');
      expect(leak.details['leaks']).toEqual(['/files/0/overview/storage/location']);
      // The same ERROR (withheld.published) keeps such a revision from being submitted.
      const { revision } = await commitRevision(workflow, { message: '漏れのある版', author: AUTHOR, changeDate: '2025-10-01' });
      await setRevisionStatus(workflow, revision.number, { status: 'review', by: AUTHOR });
      await setRevisionStatus(workflow, revision.number, { status: 'approved', by: '健康課長 確認' });
      const gate = await expectAppError(setRevisionStatus(workflow, revision.number, { status: 'submitted', by: AUTHOR }));
      expect(JSON.stringify(gate.details)).toContain('withheld.published');
    } finally {
      await local.cleanup();
    }
  }, 120_000);
});

describe('a value withheld whole', () => {
  it('prints the marker for the choice and every text under it, and none of its texts, in the 公表版 only', async () => {
    const local = await makeTempDir();
    try {
      const { file } = await iseWithHistory(local.dir);
      const workflow = await workflowAt(file);
      // Ⅲ３ ユーザ認証の管理: the choice 行っている and its 具体的な管理方法.
      const METHOD = 'ユーザIDと生体認証（又はパスワード）による認証を行う';
      await withholdInDraft(workflow, { pointer: '/files/0/riskMeasures/use/risk2/userAuth', whole: true, reason: '認証の方式' });
      const published = await tools.render((await printVariant(workflow, undefined, 'public', tools)).request);
      expect(whereTextShows(published, METHOD, local.dir, 'whole-public')).toEqual([]);
      const text = squash(pageText(published, local.dir, 'whole-text'));
      // The label stays; the choice and the method are both the marker.
      expect(text).toContain(squash(`ユーザ認証の管理${MARKER}具体的な管理方法`));
      expect(text).toContain(squash(`2）行っていない${MARKER}その他の措置の内容`));
      const submitted = await tools.render((await printVariant(workflow, undefined, 'submission', tools)).request);
      expect(whereTextShows(submitted, METHOD, local.dir, 'whole-submission')).toContain('page text');
    } finally {
      await local.cleanup();
    }
  }, 120_000);
});

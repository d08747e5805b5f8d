import { describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { applyException, mergeRows } from '../../src/diff/index.js';
import type {
  AssessmentResponse,
  CommitRevisionResponse,
  ConfirmedRow,
  DiffResponse,
  ListRevisionsResponse,
  RevisionMeta,
} from '../../src/server/dto.js';
import { useServerAndBrowser } from './hooks.js';

const ID = '002-nagaoka-covid19';
const shared = useServerAndBrowser();

type Data = {
  cover: { organization: string };
  basicInfo: { department: { name: string; headTitle: string }; numberUse: { legalBasis: string } };
  files: { overview: { storage: { location: string } } }[];
};

const api = (rest = ''): string => `${shared.server.url}/api/assessments/${ID}${rest}`;

const commit = async (request: APIRequestContext, baseRevision: number | null, message: string, changeDate: string): Promise<RevisionMeta> => {
  const response = await request.post(api('/revisions'), { data: { message, changeDate, author: '長岡市 健康課', baseRevision } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as CommitRevisionResponse).revision;
};

/** Revision 1 is the published text; revision 2 changes two plain items, two more of one group, and two ※ items. */
const twoRevisions = async (request: APIRequestContext): Promise<ConfirmedRow[]> => {
  await commit(request, null, '取り込み時点の版', '2023-06-08');
  const { data, etag } = (await (await request.get(api())).json()) as AssessmentResponse;
  const doc = data as unknown as Data;
  doc.cover.organization = '長岡市長　磯田達伸';
  doc.basicInfo.department.name = '福祉保健部健康課';
  doc.basicInfo.department.headTitle = '健康課長';
  doc.basicInfo.numberUse.legalBasis = doc.basicInfo.numberUse.legalBasis.replace('第19条', '第十九条');
  doc.files[0]!.overview.storage.location = '長岡市役所 本庁舎 サーバー室';
  expect((await request.put(api(), { data: { data }, headers: { 'if-match': `"${etag}"` } })).status()).toBe(200);
  return (await commit(request, 1, '担当部署と保管場所の変更', '2025-04-01')).rows as ConfirmedRow[];
};

describe('confirming the 変更箇所 rows in Chromium', () => {
  it('drops, merges, rewrites and excuses rows, flags a ※ row filed 事後, and stores exactly that', async () => {
    const page = await shared.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const proposed = await twoRevisions(page.request);
    expect(proposed.map((row) => [row.pointer, row.timing])).toEqual([
      ['/cover/organization', '事後'],
      ['/basicInfo/numberUse/legalBasis', '事前'],
      ['/basicInfo/department/name', '事後'],
      ['/basicInfo/department/headTitle', '事後'],
      ['/files/0/overview/storage/location', '事前'],
    ]);
    const [organization, legalBasis, department, headTitle, storage] = proposed as [ConfirmedRow, ConfirmedRow, ConfirmedRow, ConfirmedRow, ConfirmedRow];

    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    const rows = page.locator('pia-change-table tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const count = page.locator('pia-compare .flag-count');
    expect(await count.innerText()).toBe('提出時期が規則と食い違う行はありません。');

    // Drop 評価実施機関名 by keyboard; focus lands on 元に戻す, so Enter undoes, and Enter on 行を削除 drops again.
    await page.getByRole('button', { name: '行を削除（1行目）' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.first().innerText()).toContain('削除予定');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.first().innerText()).not.toContain('削除予定');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.first().innerText()).toContain('削除予定');

    // 部署 and 所属長の役職名 become one row; the dropped row above is skipped.
    expect(await page.getByRole('button', { name: '上の行とまとめる（2行目）' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '上の行とまとめる（4行目）' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByLabel('項目（3行目）', { exact: true }).inputValue()).toBe(`${department.item}\n${headTitle.item}`);

    // 法令上の根拠: only the numbering style changed, a 形式的な変更, so the row becomes 事後 with the reason.
    await page.getByLabel('重要な変更にあたらない理由（2行目）', { exact: true }).selectOption('FORMAL');
    expect(await page.getByLabel('提出時期（2行目）', { exact: true }).inputValue()).toBe('事後');
    expect(await page.getByLabel('提出時期に係る説明（2行目）', { exact: true }).inputValue()).toBe('重要な変更にあたらぬ項目（形式的な変更）');

    // 保管場所 is ※: the officer rewrites the 変更後 and files it 事後 without a reason, which the page flags.
    await page.getByLabel('変更後の記載（4行目）', { exact: true }).fill('長岡市役所 本庁舎 サーバー室（施錠管理）');
    await page.getByLabel('提出時期（4行目）', { exact: true }).selectOption('事後');
    const flag = rows.nth(3).locator('.flag');
    expect(await flag.innerText()).toContain('※の項目（重要な変更）ですが提出時期が「事後」です。');
    expect(await count.innerText()).toBe('⚠ 提出時期が規則と食い違う行：1件');
    expect(await rows.nth(1).locator('.flag').count()).toBe(0);

    await page.getByRole('button', { name: '変更箇所を保存' }).click();
    await page.locator('pia-compare [role=status]', { hasText: '変更箇所を保存しました。' }).waitFor();

    const expected: ConfirmedRow[] = [
      applyException(legalBasis, 'FORMAL'),
      mergeRows(department, headTitle),
      { ...storage, after: '長岡市役所 本庁舎 サーバー室（施錠管理）', timing: '事後' },
    ];
    expect(organization.pointer).toBe('/cover/organization');
    const stored = (await (await page.request.get(api('/revisions'))).json()) as ListRevisionsResponse;
    expect(stored.items.find((meta) => meta.number === 2)?.rows).toEqual(expected);

    await page.reload();
    await expect.poll(() => rows.count()).toBe(3);
    const diff = (await (await page.request.get(api('/diff?from=1&to=2'))).json()) as DiffResponse;
    expect(diff.rows).toEqual(expected);
    expect(await page.getByLabel('変更後の記載（3行目）', { exact: true }).inputValue()).toBe('長岡市役所 本庁舎 サーバー室（施錠管理）');
    expect(await page.getByLabel('項目（2行目）', { exact: true }).inputValue()).toBe(`${department.item}\n${headTitle.item}`);
    expect(await rows.nth(2).locator('.flag').innerText()).toContain('※の項目（重要な変更）ですが提出時期が「事後」です。');
    expect(await count.innerText()).toBe('⚠ 提出時期が規則と食い違う行：1件');
    await page.close();
  });
});

/**
 * The team server in Chromium, the story of issue 11 with three people: 作成者 drafts 004 and asks for review;
 * 確認者 comments on two items with the badges beside them and returns it; 作成者 reads each thread beside its item
 * and resolves it there, and asks again (and cannot approve own work); 確認者 approves; a comment shows beside its
 * changed item on the compare page; 閲覧者 reads and compares but is offered no write and refused every one; the
 * audit log shows each step; 管理者 sets and removes a per-assessment role on the accounts page and it takes effect.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { migrate, openPglite, type Db, type Role } from '../../src/team/index.js';
import { fixturePasswordHash } from '../helpers/passwords.js';
import { input, waitSaved } from './page-helpers.js';
import { PROJECT_ROOT, UI_DIST, closeContexts, quickAutosave, sharedChromium } from './support.js';

const ID = '004-ise-yobosesshu';
const PASSWORD = 'correct horse battery';
const PEOPLE: Record<string, { name: string; roles: Role[] }> = {
  sakusei: { name: '作成 花子', roles: ['author'] },
  kakunin: { name: '確認 太郎', roles: ['reviewer'] },
  etsuran: { name: '閲覧 次郎', roles: ['viewer'] },
  kanri: { name: '管理 三郎', roles: ['admin'] },
};
const shot = (name: string): string => path.join(tmpdir(), `pia-team-${name}.png`);

/** Pages load their parts one after another; on a busy machine that takes more than expect.poll's 1 s default. */
const POLL = { timeout: 20_000 };

let browser: Browser;
let db: Db;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pia-team-ui-'));
  await cp(path.join(PROJECT_ROOT, 'assessments'), dataDir, { recursive: true });
  db = await openPglite();
  await migrate(db);
  const hash = await fixturePasswordHash(PASSWORD);
  for (const [login, person] of Object.entries(PEOPLE))
    await db.query(
      `INSERT INTO users (login, display_name, password_hash, roles, created_at, password_changed_at)
       VALUES ($1, $2, $3, $4::text[], now(), now())`,
      [login, person.name, hash, person.roles],
    );
  const app = buildServer(
    { dataDir, uiDir: UI_DIST, templatesDir: path.join(PROJECT_ROOT, 'templates'), logLevel: 'silent' },
    { team: { db, login: true } },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await sharedChromium();
  close = async () => {
    await closeContexts(browser);
    await app.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}, 120_000);
afterAll(() => close?.());

/** A person's own browser, signed in through the login page. */
const signIn = async (login: string, width = 1280): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ja-JP' });
  await quickAutosave(context);
  const page = await context.newPage();
  await page.goto(`${url}/assessments/${ID}`);
  await page.getByLabel('ログイン名').waitFor();
  if (login === 'sakusei') await page.screenshot({ path: path.join(tmpdir(), 'pia-team-login.png') });
  await page.getByLabel('ログイン名').fill(login);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.locator('pia-app .who', { hasText: PEOPLE[login]!.name }).waitFor();
  await page.locator('pia-section').first().waitFor();
  return page;
};

const history = (page: Page) => page.locator('pia-revision-history');

const openHistory = async (page: Page): Promise<void> => {
  await page.goto(`${url}/assessments/${ID}/compare`);
  await history(page).locator('tbody tr').first().waitFor();
};

/** One step from the history page, with a remark. */
const takeStep = async (page: Page, step: string, remark = ''): Promise<void> => {
  await history(page).locator('tbody tr').first().getByRole('button', { name: step }).click();
  const dialog = history(page).locator('dialog[open]');
  if (remark) await dialog.locator('textarea[name=remark]').fill(remark);
  await dialog.getByRole('button', { name: step }).click();
  await history(page).locator('[role=status]', { hasText: `「${step}」を行いました` }).waitFor();
};

const stepButtons = (page: Page) => history(page).locator('tbody tr').first().locator('button').allInnerTexts();

/** The comment badge beside an item's label, and the item's threads beside it once opened. */
const badge = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"] > pia-comment-badge`);
const threadsOf = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"] > pia-comment-thread`);

/** A comment on exactly the item of `pointer`, written with the badge beside its label (shown on hover). */
const commentOn = async (page: Page, pointer: string, body: string): Promise<void> => {
  await page.locator(`[data-pointer="${pointer}"]`).first().hover();
  await badge(page, pointer).getByRole('button', { name: 'この項目にコメントする' }).click();
  const beside = threadsOf(page, pointer);
  await beside.getByRole('textbox', { name: 'この項目へのコメントを書く' }).fill(body);
  await beside.getByRole('button', { name: 'コメントする' }).click();
  await beside.locator('li.thread', { hasText: body }).waitFor();
};

/** The keyboard way: Ctrl+Alt+M in the item's field opens its comments with the cursor in a new one. */
const commentByKeyboard = async (page: Page, pointer: string, body: string): Promise<void> => {
  await input(page, pointer).focus();
  await page.keyboard.press('Control+Alt+KeyM');
  await page.keyboard.type(body);
  const beside = threadsOf(page, pointer);
  await beside.getByRole('button', { name: 'コメントする' }).click();
  await beside.locator('li.thread', { hasText: body }).waitFor();
};

/** A write with the page's own session and CSRF token, as a script on the page could send it. */
const apiWrite = async (page: Page, method: 'PUT' | 'POST', route: string, data: unknown) => {
  const { csrfToken } = (await (await page.request.get(`${url}/api/session`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${url}${route}`, {
    method,
    data,
    headers: { 'x-pia-csrf': csrfToken, origin: url },
  });
  return { status: response.status(), body: (await response.json()) as { code: string; message: string } };
};

describe('three people review 004 on the team server', () => {
  it('drafts, comments, returns, resolves, asks again, approves; 閲覧者 only reads; the audit log shows each step', async () => {
    const author = await signIn('sakusei');
    await input(author, '/cover/organization').fill('伊勢市長　鈴木健一');
    await waitSaved(author);
    await author.getByRole('button', { name: '版を確定' }).click();
    const commit = author.locator('pia-commit-dialog dialog[open]');
    await commit.locator('#message').fill('令和7年度の見直し');
    await expect.poll(() => commit.locator('#change-date').inputValue(), POLL).not.toBe('');
    expect(await commit.locator('#author').count()).toBe(0); // signed in: the account is the author
    await commit.getByRole('button', { name: '確定する' }).click();
    await author.locator('pia-editor .notice', { hasText: '第1版を確定しました。' }).waitFor();
    await openHistory(author);
    expect(await stepButtons(author)).toEqual(['確認を依頼する', '取り下げる']);
    await takeStep(author, '確認を依頼する', '確認をお願いします');
    // The draft moves on after the commit: 市長名 differs from 第1版 on the compare page.
    await author.goto(`${url}/assessments/${ID}`);
    await input(author, '/cover/organization').fill('伊勢市長　鈴木 健一');
    await waitSaved(author);
    // 004 was published before: its first revision here is a 修正, shown as such in the header and the history.
    await author.locator('pia-editor .revision-state', { hasText: '最新の版: 第1版（修正中・確認依頼中）' }).waitFor();

    const reviewer = await signIn('kakunin');
    expect(await reviewer.locator('pia-editor .readonly').innerText()).toContain('閲覧のみ');
    expect(await reviewer.getByRole('button', { name: '版を確定' }).count()).toBe(0);
    await commentOn(reviewer, '/cover/title', '評価書名に年度を入れてください。');
    await commentByKeyboard(reviewer, '/cover/organization', '市長名の表記を確認してください。');
    expect(await reviewer.locator('pia-outline .comments').first().getAttribute('aria-label')).toBe('未解決のコメント 2件');
    // Each thread went on its own item, whatever was focused: one beside each, counted on its badge.
    for (const pointer of ['/cover/title', '/cover/organization']) {
      expect(await threadsOf(reviewer, pointer).locator('li.thread').count()).toBe(1);
      expect(await badge(reviewer, pointer).getByRole('button').getAttribute('aria-label')).toBe('この項目のコメント（未解決 1件・全 1件）');
    }
    expect(await threadsOf(reviewer, '/cover/title').innerText()).not.toContain('市長名');
    await reviewer.locator('pia-comments li.thread', { hasText: '評価書名に年度' }).locator('.path', { hasText: '評価書名' }).waitFor();
    await reviewer.screenshot({ path: shot('comments') });
    await openHistory(reviewer);
    // The compare page (第1版 → 作業中): the thread on 市長名 beside its changed item, written there by the badge too.
    await reviewer.locator('pia-compare article[data-pointer="/cover/organization"]').waitFor();
    const changed = reviewer.locator('pia-compare article[data-pointer="/cover/organization"]');
    await changed.locator('pia-comment-badge').getByRole('button', { name: 'この項目のコメント（未解決 1件・全 1件）' }).click();
    await changed.locator('pia-comment-thread li.thread', { hasText: '市長名の表記を確認してください。' }).waitFor();
    await changed.scrollIntoViewIfNeeded();
    await reviewer.screenshot({ path: shot('compare') });
    await changed.locator('pia-comment-thread').getByRole('button', { name: '閉じる' }).click();
    await openHistory(reviewer);
    expect(await stepButtons(reviewer)).toEqual(['差し戻す', '承認する']);
    await history(reviewer).locator('tbody tr').first().getByRole('button', { name: '差し戻す' }).click();
    await reviewer.screenshot({ path: path.join(tmpdir(), 'pia-team-return.png') });
    await history(reviewer).locator('dialog[open]').getByRole('button', { name: 'キャンセル' }).click();
    await takeStep(reviewer, '差し戻す', '表紙の2点を直してください。');

    await author.goto(`${url}/assessments/${ID}`);
    const threads = author.locator('pia-comments li.thread');
    await author.locator('pia-section').first().waitFor();
    await expect.poll(() => threads.count(), POLL).toBe(2);
    expect(await threads.first().locator('.path').innerText()).toContain('評価書名');
    // Each thread beside its item: read it there and resolve it there; its badge follows.
    for (const [pointer, body] of [['/cover/title', '評価書名に年度を入れてください。'], ['/cover/organization', '市長名の表記を確認してください。']] as const) {
      await badge(author, pointer).getByRole('button', { name: 'この項目のコメント（未解決 1件・全 1件）' }).click();
      const beside = threadsOf(author, pointer).locator('li.thread', { hasText: body });
      await beside.waitFor();
      if (pointer === '/cover/title') await author.screenshot({ path: shot('thread') });
      await beside.getByRole('button', { name: '解決にする' }).click();
      await threadsOf(author, pointer).locator('li.thread.resolved', { hasText: body }).waitFor();
      await badge(author, pointer).getByRole('button', { name: 'この項目のコメント（未解決 0件・全 1件）' }).waitFor();
    }
    await author.locator('pia-comments li.thread.resolved').nth(1).waitFor();
    await author.locator('pia-comments').getByLabel('未解決のみ').check();
    await expect.poll(() => threads.count(), POLL).toBe(0);
    await openHistory(author);
    expect(await stepButtons(author)).toEqual(['確認を依頼する', '取り下げる']);
    await takeStep(author, '確認を依頼する');
    // Not offered to the author, and refused if sent anyway: 承認 is someone else's.
    expect(await stepButtons(author)).toEqual(['取り下げる']);
    const own = await apiWrite(author, 'PUT', `/api/assessments/${ID}/revisions/1/status`, { status: 'approved' });
    expect(own).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(own.body.message).toBe('「承認する」は確認者が行う手順です。この評価書でのあなたの役割では行えません。');

    await openHistory(reviewer);
    await takeStep(reviewer, '承認する', '確認しました。');
    expect(await history(reviewer).locator('tbody tr').first().locator('.tag').innerText()).toBe('承認済み');
    expect(await history(reviewer).locator('tbody tr').first().locator('.phase').innerText()).toBe('修正中');

    const viewer = await signIn('etsuran');
    expect(await viewer.locator('pia-editor .readonly').count()).toBe(1);
    expect(await viewer.getByRole('button', { name: '版を確定' }).count()).toBe(0);
    expect(await viewer.locator('pia-comments #comment-body').count()).toBe(0);
    await expect.poll(() => viewer.locator('pia-comments li.thread').count(), POLL).toBe(2);
    // 閲覧者 reads the threads beside their items but is offered no badge to write, no reply and no resolve.
    await badge(viewer, '/cover/title').getByRole('button', { name: 'この項目のコメント（未解決 0件・全 1件）' }).click();
    await threadsOf(viewer, '/cover/title').locator('li.thread', { hasText: '評価書名に年度' }).waitFor();
    expect(await threadsOf(viewer, '/cover/title').locator('textarea, button.resolve').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'この項目にコメントする' }).count()).toBe(0);
    expect(await viewer.locator('pia-comments button.resolve, pia-comments textarea').count()).toBe(0);
    await openHistory(viewer);
    expect(await stepButtons(viewer)).toEqual([]);
    await viewer.locator('pia-compare #rows-heading').waitFor();
    expect(await viewer.getByRole('button', { name: '変更箇所を保存' }).count()).toBe(0);
    const writes = await Promise.all([
      apiWrite(viewer, 'PUT', `/api/assessments/${ID}/revisions/1/status`, { status: 'withdrawn', reason: 'x' }),
      apiWrite(viewer, 'POST', `/api/assessments/${ID}/comments`, { revision: 'draft', pointer: '/cover/title', body: 'x' }),
      apiWrite(viewer, 'POST', `/api/assessments/${ID}/revisions`, { message: 'x', baseRevision: 1 }),
    ]);
    for (const write of writes) {
      expect(write.status).toBe(403);
      expect(write.body.message).toMatch(/^この操作を行う権限がありません（必要な権限: .+）。$/);
    }
    expect(await viewer.getByRole('link', { name: '操作記録' }).count()).toBe(0);

    await author.goto(`${url}/assessments/${ID}/audit`);
    const rows = author.locator('pia-audit tbody tr');
    await rows.first().waitFor();
    const events = (await rows.allInnerTexts()).map((row) => row.split('\t').slice(2, 4).join(' '));
    expect(events.filter((event) => !event.startsWith('ログイン'))).toEqual([
      '作業中の評価書の保存 sakusei',
      '版の確定 sakusei',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） sakusei',
      '作業中の評価書の保存 sakusei',
      'コメントの記入 kakunin',
      'コメントの記入 kakunin',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） kakunin',
      'コメントの解決 sakusei',
      'コメントの解決 sakusei',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） sakusei',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） kakunin',
    ]);
    const csvLink = author.getByRole('link', { name: 'CSVで書き出す' });
    expect(await csvLink.getAttribute('href')).toBe(`/api/assessments/${ID}/audit?format=csv`);
    const [csv] = await Promise.all([author.waitForEvent('download'), csvLink.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await readFile(await csv.path(), 'utf8')).toContain('コメントの記入');
    const [json] = await Promise.all([author.waitForEvent('download'), author.getByRole('link', { name: 'JSONで書き出す' }).click()]);
    expect(json.suggestedFilename()).toBe(`audit-${ID}.json`);
    expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toMatchObject({ items: expect.any(Array) });
    await author.screenshot({ path: path.join(tmpdir(), 'pia-team-audit.png'), fullPage: false });

    // 管理者 makes 閲覧者 a 確認者 of 004 alone on the accounts page: the server then lets them comment there, and
    // refuses again once the override is removed. Both changes are audited as role changes.
    const admin = await signIn('kanri');
    await admin.goto(`${url}/users`);
    const overrides = admin.locator('pia-role-overrides');
    await overrides.locator('form.set select[name=assessment] option', { hasText: ID }).waitFor({ state: 'attached' });
    await overrides.getByLabel('アカウント', { exact: true }).selectOption('etsuran');
    await overrides.getByLabel('評価書', { exact: true }).selectOption(ID);
    await overrides.getByLabel('その評価書での役割', { exact: true }).selectOption('reviewer');
    await overrides.getByRole('button', { name: '設定する' }).click();
    await overrides.locator('[role=status]', { hasText: `「etsuran」の評価書 ${ID} での役割を確認者にしました。` }).waitFor();
    expect(await overrides.locator(`tr[data-login=etsuran][data-assessment="${ID}"]`).innerText()).toContain('確認者');
    await admin.screenshot({ path: shot('admin'), fullPage: true });
    const comment = { revision: 'draft', pointer: '/basicInfo/department/headTitle', body: '所属長の職名を確認しました。' };
    expect((await apiWrite(viewer, 'POST', `/api/assessments/${ID}/comments`, comment)).status).toBe(201);
    // From the list to an item not rendered yet: it renders with its badge, its thread open beside it.
    await viewer.goto(`${url}/assessments/${ID}`);
    await viewer.locator('pia-comments li.thread', { hasText: comment.body }).getByRole('button', { name: '項目へ移動' }).click();
    await threadsOf(viewer, comment.pointer).locator('li.thread', { hasText: comment.body }).waitFor();
    expect(await badge(viewer, comment.pointer).getByRole('button').getAttribute('aria-label')).toBe('この項目のコメント（未解決 1件・全 1件）');
    await overrides.getByRole('button', { name: `「etsuran」の評価書 ${ID} での役割を解除` }).click();
    await overrides.locator('[role=status]', { hasText: '解除しました' }).waitFor();
    expect(await overrides.locator('tr[data-login=etsuran]').count()).toBe(0);
    expect((await apiWrite(viewer, 'POST', `/api/assessments/${ID}/comments`, comment)).status).toBe(403);
    const audit = (await (await admin.request.get(`${url}/api/assessments/${ID}/audit?format=json`)).json()) as { items: { event: string }[] };
    expect(audit.items.filter((entry) => entry.event === 'role.change')).toHaveLength(2);
    // Not a 管理者: no page, and the route refuses.
    expect(await author.getByRole('link', { name: 'アカウント管理' }).count()).toBe(0);
    expect((await apiWrite(author, 'PUT', `/api/users/etsuran/assessments/${ID}/roles`, { roles: ['author'] })).status).toBe(403);

    // The same page at a narrow width, and the editor with a thread open beside its item there.
    const narrow = await signIn('kanri', 800);
    await narrow.goto(`${url}/users`);
    await narrow.locator('pia-role-overrides form.set').waitFor();
    await narrow.screenshot({ path: shot('admin-800'), fullPage: true });
    const narrowAuthor = await signIn('sakusei', 800);
    await badge(narrowAuthor, '/cover/title').getByRole('button').click();
    await threadsOf(narrowAuthor, '/cover/title').locator('li.thread').first().waitFor();
    await narrowAuthor.screenshot({ path: shot('thread-800') });
  }, 240_000);
});

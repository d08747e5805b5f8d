/**
 * The team server in Chromium, the story of issue 11 with three people: 作成者 drafts 004 and asks for review;
 * 確認者 comments on two items and returns it; 作成者 resolves the comments and asks again (and cannot approve own
 * work); 確認者 approves; 閲覧者 reads and compares but is offered no write and refused every one; the audit log
 * shows each step.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { migrate, openPglite, type Db, type Role } from '../../src/team/index.js';
import { hashPassword } from '../../src/team/passwords.js';
import { input, waitSaved } from './page-helpers.js';
import { PROJECT_ROOT, UI_DIST, launchChromium } from './support.js';

const ID = '004-ise-yobosesshu';
const PASSWORD = 'correct horse battery';
const PEOPLE: Record<string, { name: string; roles: Role[] }> = {
  sakusei: { name: '作成 花子', roles: ['author'] },
  kakunin: { name: '確認 太郎', roles: ['reviewer'] },
  etsuran: { name: '閲覧 次郎', roles: ['viewer'] },
};

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
  const hash = await hashPassword(PASSWORD);
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
  browser = await launchChromium();
  close = async () => {
    await browser.close();
    await app.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}, 120_000);
afterAll(() => close?.());

/** A person's own browser, signed in through the login page. */
const signIn = async (login: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
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

/** A comment on the item of `pointer`: focus its field, then write beside the form. */
const commentOn = async (page: Page, pointer: string, body: string): Promise<void> => {
  await input(page, pointer).click();
  const panel = page.locator('pia-comments');
  await expect.poll(() => panel.locator('#comment-item').inputValue(), POLL).toBe(pointer);
  await panel.locator('#comment-body').fill(body);
  await panel.getByRole('button', { name: 'コメントする' }).click();
  await panel.locator('li.thread', { hasText: body }).waitFor();
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

    const reviewer = await signIn('kakunin');
    expect(await reviewer.locator('pia-editor .readonly').innerText()).toContain('閲覧のみ');
    expect(await reviewer.getByRole('button', { name: '版を確定' }).count()).toBe(0);
    await commentOn(reviewer, '/cover/title', '評価書名に年度を入れてください。');
    await commentOn(reviewer, '/cover/organization', '市長名の表記を確認してください。');
    expect(await reviewer.locator('pia-outline .comments').first().getAttribute('aria-label')).toBe('未解決のコメント 2件');
    await reviewer.screenshot({ path: path.join(tmpdir(), 'pia-team-comments.png') });
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
    for (const body of ['評価書名に年度を入れてください。', '市長名の表記を確認してください。']) {
      await author.locator('pia-comments li.thread', { hasText: body }).getByRole('button', { name: '解決にする' }).click();
      await author.locator('pia-comments li.thread.resolved', { hasText: body }).waitFor();
    }
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

    const viewer = await signIn('etsuran');
    expect(await viewer.locator('pia-editor .readonly').count()).toBe(1);
    expect(await viewer.getByRole('button', { name: '版を確定' }).count()).toBe(0);
    expect(await viewer.locator('pia-comments #comment-body').count()).toBe(0);
    expect(await viewer.locator('pia-comments li.thread').count()).toBe(2);
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
      'コメントの記入 kakunin',
      'コメントの記入 kakunin',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） kakunin',
      'コメントの解決 sakusei',
      'コメントの解決 sakusei',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） sakusei',
      '版の手続（確認依頼・差戻し・承認・提出・公表など） kakunin',
    ]);
    expect(await author.getByRole('link', { name: 'CSVで書き出す' }).getAttribute('href')).toBe(`/api/assessments/${ID}/audit?format=csv`);
    await author.screenshot({ path: path.join(tmpdir(), 'pia-team-audit.png'), fullPage: false });
  }, 240_000);
});

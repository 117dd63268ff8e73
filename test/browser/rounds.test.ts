/**
 * Issue 9, item 5, in real Chromium (one browser, two contexts): the presiding officer opens a round
 * from the draft; a reviewer of another department (its leader) finds it under "Waiting for our
 * answer" on the Consultations page, comments on the draft and submits the department's response;
 * the officer's progress panel updates live, without reloading.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import { buildClientOnce, launchBrowser, newContext, openDocument, screenshot } from '../support/browser';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { writeDraft } from '../comments/setup';

describe('consultation rounds in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: TestUser;
  let reviewer: TestUser;
  let documentId: string;
  let justiceName: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer({ ROUND_TICK_MS: '1000' }), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, `Văn phòng ${Date.now()}`);
    const justice = await makeDepartment(db, `Sở Tư pháp ${Date.now()}`);
    justiceName = justice.name;
    officer = await makeUser(db, { departmentIds: [office.id], name: 'Nguyễn Thị Chủ Trì' });
    reviewer = await makeUser(db, { leaderOf: [justice.id], name: 'Lê Văn Góp Ý' });
    documentId = (await makeDocument(db, officer, 'Dự thảo Quy chế văn thư')).id;
    const writer = await writeDraft(server, documentId, officer, ['Điều 1. Phạm vi điều chỉnh', '1. Quy chế này áp dụng cho các phòng.']);
    writer.destroy();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const pageFor = async (user: TestUser) => {
    const context = await newContext(browser, server.url, { cookie: user.cookie, viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  };
  const roundsPanel = (page: Page) => page.locator('#rounds-panel');
  const showRounds = async (page: Page) => {
    if (!(await roundsPanel(page).isVisible())) await page.getByRole('button', { name: 'Show or hide the consultation round' }).click();
    await roundsPanel(page).waitFor();
  };

  it('opens a round from the draft; the reviewer answers from "waiting for our answer"; the officer sees it live', async () => {
    const officerPage = await pageFor(officer);
    await openDocument(officerPage, documentId);
    await showRounds(officerPage);
    await roundsPanel(officerPage).getByRole('button', { name: 'Open a round' }).click();
    const dialog = officerPage.getByRole('dialog', { name: 'Open a consultation round' });
    await dialog.getByLabel('Title').fill('Lấy ý kiến lần 1');
    await dialog.getByLabel('What you ask for').fill('Đề nghị Sở Tư pháp góp ý.');
    await dialog.getByRole('combobox', { name: justiceName }).selectOption('lead');
    await dialog.getByRole('button', { name: 'Open the round' }).click();
    const totals = roundsPanel(officerPage).getByTestId('round-totals');
    await expect.poll(() => totals.textContent(), { timeout: 30_000 }).toContain('0 of 1 answered');

    const reviewerPage = await pageFor(reviewer);
    await reviewerPage.goto('/consultations');
    const waiting = reviewerPage.getByTestId('waiting').locator('.consultation', { hasText: 'Lấy ý kiến lần 1' });
    await waiting.waitFor({ timeout: 30_000 });
    await waiting.getByRole('link').click();
    await reviewerPage.locator('.document-content').waitFor();

    // Comment on the draft (the round gave the department comment access).
    await reviewerPage.waitForTimeout(500);
    if (!(await reviewerPage.locator('#comments-panel').isVisible())) await reviewerPage.getByRole('button', { name: /Show or hide comments/ }).click();
    await reviewerPage.locator('#comments-panel').waitFor().catch(async (error) => {
      await screenshot(reviewerPage, 'rounds-reviewer-failure.png');
      throw error;
    });
    await reviewerPage.locator('#comments-panel').getByRole('button', { name: 'Comment on the whole draft' }).click();
    await reviewerPage.locator('#comments-panel').getByRole('combobox', { name: 'Your comment' }).fill('Đề nghị bổ sung đối tượng áp dụng.');
    await reviewerPage.locator('#comments-panel').getByRole('button', { name: 'Send' }).click();
    await reviewerPage.locator('#comments-panel .thread', { hasText: 'Đề nghị bổ sung đối tượng áp dụng.' }).waitFor({ timeout: 30_000 });

    // Submit the department's response.
    await showRounds(reviewerPage);
    const form = roundsPanel(reviewerPage).locator('.round-respond');
    await form.getByLabel('Position').selectOption('agree_with_comments');
    await form.getByLabel('Summary').fill('Nhất trí, có một ý kiến.');
    await form.getByRole('button', { name: 'Submit the response' }).click();

    // The officer's panel updates by itself.
    await expect.poll(() => totals.textContent(), { timeout: 30_000 }).toContain('1 of 1 answered');
    const department = roundsPanel(officerPage).locator('.round-department', { hasText: justiceName });
    expect(await department.locator('.status-pill').getAttribute('data-status')).toBe('answered');
    expect(await department.textContent()).toContain('Agree with comments');
    expect(await department.textContent()).toContain('1 comment');
    await roundsPanel(officerPage).locator('.disposition__row', { hasText: 'Đề nghị bổ sung đối tượng áp dụng.' }).waitFor({ timeout: 30_000 });
    await screenshot(officerPage, 'rounds-officer.png');

    // The Consultations page at tablet width: the officer's round with its progress.
    await officerPage.setViewportSize({ width: 768, height: 1024 });
    await officerPage.goto('/consultations');
    const mine = officerPage.getByTestId('presiding').locator('.consultation', { hasText: 'Lấy ý kiến lần 1' });
    await mine.waitFor({ timeout: 30_000 });
    expect(await mine.textContent()).toContain('1 of 1 answered');
    expect(await officerPage.evaluate(() => document.documentElement.scrollWidth <= 768)).toBe(true);
    await screenshot(officerPage, 'rounds-consultations-768.png');
    expect(problems).toEqual([]);
  }, browserTestMs);
});

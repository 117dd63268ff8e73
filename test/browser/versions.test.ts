/**
 * Versions and records in real Chromium: an editor freezes a version from the history panel and
 * sees it verified (checked in the browser with the shared verifyBundle on WebCrypto), opens it read
 * only, restores it over later typing, downloads its bundle (which verifies again in Node against
 * the published JWKS); a viewer sees the history without freeze or restore; a bundle altered on the
 * way shows "failed" with the failing checks; a final version makes the draft read-only.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import { verifyBundle } from '../../shared/records/verify-bundle';
import type { Jwks } from '../../shared/records/jws';
import { buildClientOnce, documentText, editor, launchBrowser, newContext, openDocument, screenshot, waitForAllSynced } from '../support/browser';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

describe('versions and records in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let lan: TestUser;
  let nam: TestUser;
  let documentId: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let pageLan: Page;

  const frozenText = 'Điều 1. Quy chế này quy định việc lập, quản lý và lưu trữ hồ sơ điện tử.';
  const label = 'Dự thảo lấy ý kiến lần 1';

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, 'Văn phòng UBND tỉnh');
    const justice = await makeDepartment(db, 'Sở Tư pháp');
    lan = await makeUser(db, { departmentIds: [office.id], name: 'Nguyễn Thị Lan' });
    nam = await makeUser(db, { departmentIds: [justice.id], name: 'Lê Hoàng Nam' });
    documentId = (await makeDocument(db, lan, 'Quy chế quản lý hồ sơ điện tử')).id;
    await grant(db, documentId, { departmentId: justice.id }, 'view');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const open = async (user: TestUser, options: Parameters<typeof newContext>[2] = {}) => {
    const context = await newContext(browser, server.url, { cookie: user.cookie, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  };
  const openHistory = async (page: Page) => {
    await page.getByRole('button', { name: 'Version history' }).click();
    await page.locator('#version-panel .version-list, #version-panel .version-panel__empty').first().waitFor();
  };
  const row = (page: Page, version: number) => page.locator(`#version-panel .version[data-version="${version}"]`);
  const badgeOf = (page: Page, version: number) => row(page, version).locator('.verification').getAttribute('data-verification');
  const viewer = (page: Page) => page.locator('dialog.version-viewer');
  const openVersion = async (page: Page, version: number) => {
    await row(page, version).getByRole('button', { name: new RegExp(`^Open version ${version}:`) }).click();
    await viewer(page).locator('.document-content').waitFor();
  };
  const freeze = async (page: Page, name: string, final = false) => {
    await page.getByRole('button', { name: 'Freeze a version' }).click();
    const dialog = page.getByRole('dialog', { name: 'Freeze a version' });
    await dialog.getByLabel('Label').fill(name);
    if (final) await dialog.getByLabel('This is the final version').check();
    await dialog.getByRole('button', { name: final ? 'Freeze final version' : 'Freeze version' }).click();
    await dialog.waitFor({ state: 'detached' });
  };
  const typeAtEnd = async (page: Page, text: string) => {
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text);
    await waitForAllSynced(page);
  };

  it('freezes a version from the UI and shows it verified in the history', async () => {
    pageLan = await open(lan);
    await openDocument(pageLan, documentId);
    await editor(pageLan).click();
    await pageLan.keyboard.type(frozenText);
    await waitForAllSynced(pageLan);

    await openHistory(pageLan);
    expect(await pageLan.locator('#version-panel').innerText()).toContain('No versions yet');
    await freeze(pageLan, label);

    await expect.poll(() => row(pageLan, 1).innerText()).toContain(label);
    expect(await row(pageLan, 1).innerText()).toContain('Nguyễn Thị Lan, Văn phòng UBND tỉnh');
    await expect.poll(() => badgeOf(pageLan, 1), { timeout: 15_000 }).toBe('verified');
    expect(await row(pageLan, 1).locator('.verify-badge').innerText()).toBe('Verified');

    // The checks, on demand (a toggle, not a hover): all nine passed (eight on the entry, one on
    // the threads kept with it).
    await row(pageLan, 1).getByRole('button', { name: 'Checks of version 1' }).click();
    expect(await row(pageLan, 1).locator('.check-item[data-status="pass"]').count()).toBe(9);
    expect(await row(pageLan, 1).locator('.check-item').count()).toBe(9);
    await pageLan.locator('.paper-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    await screenshot(pageLan, 'versions-desktop-1280x800.png');
    expect(problems).toEqual([]);
  }, browserTestMs);

  it('opens the version read only and restores it over later typing, as a new edit', async () => {
    await openVersion(pageLan, 1);
    const frozen = viewer(pageLan).locator('.document-content');
    expect(await frozen.innerText()).toBe(frozenText);
    expect(await frozen.getAttribute('contenteditable')).toBe('false');
    await expect.poll(() => viewer(pageLan).locator('.verification').getAttribute('data-verification')).toBe('verified');
    await screenshot(pageLan, 'versions-viewer-1280x800.png');
    await viewer(pageLan).getByRole('button', { name: 'Close' }).click();
    await viewer(pageLan).waitFor({ state: 'detached' });

    const later = 'Điều 2. Nội dung bổ sung sau khi lấy ý kiến.';
    await typeAtEnd(pageLan, later);
    expect(await documentText(pageLan)).toContain(later);

    await openVersion(pageLan, 1);
    await viewer(pageLan).getByRole('button', { name: 'Restore this version' }).click();
    await viewer(pageLan).getByRole('button', { name: 'Restore', exact: true }).click();
    await viewer(pageLan).waitFor({ state: 'detached' });
    await expect.poll(() => documentText(pageLan), { timeout: 15_000 }).toBe(frozenText);

    // A new edit, not a rewrite: the draft stays editable, and freezing it now gives version 2
    // with exactly the content of version 1.
    expect(await editor(pageLan).getAttribute('contenteditable')).toBe('true');
    await waitForAllSynced(pageLan);
    await freeze(pageLan, 'Sau khi khôi phục');
    await expect.poll(() => pageLan.locator('#version-panel .version').first().getAttribute('data-version')).toBe('2');
    await expect.poll(() => badgeOf(pageLan, 2), { timeout: 15_000 }).toBe('verified');
    const bundleOf = async (version: number) => {
      const seq = await row(pageLan, version).getAttribute('data-seq');
      return (await (await pageLan.request.get(`/api/records/${seq}/bundle`)).json()) as { entry: { contentSha256: string } };
    };
    expect((await bundleOf(2)).entry.contentSha256).toBe((await bundleOf(1)).entry.contentSha256);
    expect(problems).toEqual([]);
  }, browserTestMs);

  it('downloads the bundle as record-<seq>.json, which verifies in Node against the published JWKS', async () => {
    await openVersion(pageLan, 1);
    const seq = Number(await row(pageLan, 1).getAttribute('data-seq'));
    const [download] = await Promise.all([pageLan.waitForEvent('download'), viewer(pageLan).getByRole('link', { name: 'Download record' }).click()]);
    expect(download.suggestedFilename()).toBe(`record-${seq}.json`);
    const bundle = JSON.parse(await readFile(await download.path(), 'utf8')) as { entry: { seq: number } };
    expect(bundle.entry.seq).toBe(seq);
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks;
    const report = await verifyBundle(bundle, jwks);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.ok).toBe(true);
    await viewer(pageLan).getByRole('button', { name: 'Close' }).click();
  }, browserTestMs);

  it('shows a viewer the history, verified, without freeze or restore (tablet size)', async () => {
    const page = await open(nam, { viewport: { width: 768, height: 1024 }, hasTouch: true });
    await openDocument(page, documentId);
    await openHistory(page);
    await expect.poll(() => page.locator('#version-panel .version').count()).toBe(2);
    await expect.poll(() => badgeOf(page, 1), { timeout: 15_000 }).toBe('verified');
    expect(await page.getByRole('button', { name: 'Freeze a version' }).count()).toBe(0);
    await screenshot(page, 'versions-tablet-768x1024.png');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);

    await openVersion(page, 1);
    expect(await viewer(page).locator('.document-content').innerText()).toBe(frozenText);
    expect(await viewer(page).getByRole('link', { name: 'Download record' }).count()).toBe(1);
    expect(await viewer(page).getByRole('button', { name: 'Restore this version' }).count()).toBe(0);
    await screenshot(page, 'versions-viewer-tablet-768x1024.png');
    // Escape closes the viewer, then the panel; focus goes back to the History button.
    await page.keyboard.press('Escape');
    await viewer(page).waitFor({ state: 'detached' });
    await page.locator('#version-panel').focus();
    await page.keyboard.press('Escape');
    await page.locator('#version-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('version-panel');
    expect(problems).toEqual([]);
  }, browserTestMs);

  it('shows "failed" with the failing checks when the bundle was altered on the way', async () => {
    const page = await open(lan);
    await page.route('**/api/records/*/bundle', async (route) => {
      const response = await route.fetch();
      const bundle = (await response.json()) as { entry: { contentSha256: string } };
      const hash = bundle.entry.contentSha256;
      bundle.entry.contentSha256 = (hash[0] === '0' ? '1' : '0') + hash.slice(1);
      await route.fulfill({ response, json: bundle });
    });
    await openDocument(page, documentId);
    await openHistory(page);
    await expect.poll(() => badgeOf(page, 1), { timeout: 15_000 }).toBe('failed');
    expect(await row(page, 1).locator('.verify-badge').innerText()).toBe('Verification failed');
    await row(page, 1).getByRole('button', { name: 'Checks of version 1' }).click();
    const failing = await row(page, 1).locator('.check-item[data-status="fail"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-check')));
    expect(failing).toEqual(expect.arrayContaining(['signature', 'contentHash', 'inclusion']));
    // Named in words, never by the verifier's internal names.
    const report = await row(page, 1).locator('.check-report').innerText();
    expect(report).toContain('Fingerprint of the content');
    expect(report).not.toContain('contentHash');
    await screenshot(page, 'versions-failed-1280x800.png');

    await openVersion(page, 1);
    expect(await viewer(page).getByRole('alert').innerText()).toContain('did not pass verification');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }, browserTestMs);

  it('freezes a final version: the draft turns read-only for the editor', async () => {
    await pageLan.getByRole('button', { name: 'Freeze a version' }).click();
    const dialog = pageLan.getByRole('dialog', { name: 'Freeze a version' });
    await dialog.getByLabel('Label').fill('Bản cuối trình ký');
    await dialog.getByLabel('Note (optional)').fill('Trình Chủ tịch UBND tỉnh ký ban hành.');
    await dialog.getByLabel('This is the final version').check();
    // The consequence is spelled out next to the checkbox, and the button says what it does.
    expect(await dialog.getByLabel('This is the final version').getAttribute('aria-describedby')).toBe('freeze-final-warning');
    expect(await dialog.locator('#freeze-final-warning').innerText()).toContain('read-only for everyone');
    await screenshot(pageLan, 'versions-freeze-final-1280x800.png');
    await dialog.getByRole('button', { name: 'Freeze final version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row(pageLan, 3).locator('.badge--final').count()).toBe(1);
    await expect.poll(() => editor(pageLan).getAttribute('contenteditable'), { timeout: 15_000 }).toBe('false');
    await pageLan.locator('.read-only-notice', { hasText: 'finalized' }).waitFor();
    expect(await pageLan.getByRole('button', { name: 'Freeze a version' }).count()).toBe(0);
    await expect.poll(() => badgeOf(pageLan, 3), { timeout: 15_000 }).toBe('verified');

    // The same history in Vietnamese: dates and labels from the vi catalog and Intl.
    const page = await open(nam, { locale: 'vi-VN' });
    await openDocument(page, documentId);
    await page.getByRole('button', { name: 'Lịch sử phiên bản' }).click();
    await expect.poll(() => badgeOf(page, 3), { timeout: 15_000 }).toBe('verified');
    expect(await row(page, 3).innerText()).toContain('Bản cuối');
    expect(await row(page, 3).locator('.verify-badge').innerText()).toBe('Đã xác thực');
    await screenshot(page, 'versions-vi-1280x800.png');
    expect(problems).toEqual([]);
  }, browserTestMs);
});

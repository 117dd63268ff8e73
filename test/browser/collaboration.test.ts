/**
 * Co-drafting in real Chromium: two people of different departments type into the same draft at
 * the same time and see each other's text, labelled carets and presence; a viewer follows live
 * but cannot type and has no toolbar; screenshots at desktop and tablet sizes.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import { presenceColor } from '../../shared/presence-color';
import {
  buildClientOnce,
  documentHtml,
  documentText,
  editor,
  launchBrowser,
  newContext,
  openDocument,
  pngSize,
  screenshot,
  waitForAllSynced,
  waitForText,
} from '../support/browser';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { paragraphsOf } from '../collab/clients';
import { startTestServer, type TestServer } from '../support/server';

describe('co-drafting in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let lan: TestUser;
  let minh: TestUser;
  let nam: TestUser;
  let financeId: string;
  let documentId: string;
  const contexts: BrowserContext[] = [];
  let pageLan: Page;
  let pageMinh: Page;

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    const finance = await makeDepartment(db, 'Sở Tài chính');
    const justice = await makeDepartment(db, 'Sở Tư pháp');
    const planning = await makeDepartment(db, 'Sở Kế hoạch và Đầu tư');
    financeId = finance.id;
    lan = await makeUser(db, { departmentIds: [finance.id], name: 'Nguyễn Thị Lan' });
    minh = await makeUser(db, { departmentIds: [justice.id], name: 'Trần Văn Minh' });
    nam = await makeUser(db, { departmentIds: [planning.id], name: 'Lê Hoàng Nam' });
    const doc = await makeDocument(db, lan, 'Dự thảo Quyết định ban hành Quy chế làm việc');
    documentId = doc.id;
    await grant(db, documentId, { departmentId: justice.id }, 'edit');
    await grant(db, documentId, { departmentId: planning.id }, 'view');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const problems: string[] = [];
  const open = async (user: TestUser, options: Parameters<typeof newContext>[2] = {}) => {
    const context = await newContext(browser, server.url, { cookie: user.cookie, ...options });
    contexts.push(context);
    const page = await context.newPage();
    // e.g. "Yjs was already imported" (two copies in the bundle) or a page error.
    page.on('console', (message) => /already imported|error/i.test(`${message.type()} ${message.text()}`) && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await openDocument(page, documentId);
    return page;
  };

  /** Lan (desktop) and Minh (tablet) on the draft; opened by whichever test runs first (`-t` runs one alone). */
  const ensurePages = async () => {
    pageLan ??= await open(lan);
    pageMinh ??= await open(minh, { viewport: { width: 768, height: 1024 }, hasTouch: true });
  };

  it('two people of different departments type at the same time and converge', async () => {
    await ensurePages();
    await expect.poll(() => pageLan.locator('.presence .person').count()).toBe(2);

    // Lan sets up a heading, then both type concurrently in their own paragraphs.
    await editor(pageLan).click();
    await pageLan.locator('select.tool-select').selectOption('h1');
    await pageLan.keyboard.type('QUY CHẾ LÀM VIỆC');
    await pageLan.keyboard.press('Enter');
    await waitForText(pageMinh, 'QUY CHẾ LÀM VIỆC');
    await editor(pageMinh).click();
    await pageMinh.keyboard.press('Control+End');
    await pageMinh.keyboard.press('Enter');

    const fromLan = 'Điều 1. Phạm vi điều chỉnh: quy chế này quy định nguyên tắc, trách nhiệm và quan hệ công tác.';
    const fromMinh = 'Ý kiến Sở Tư pháp: đề nghị bổ sung căn cứ pháp lý tại phần mở đầu.';
    await Promise.all([pageLan.keyboard.type(fromLan, { delay: 8 }), pageMinh.keyboard.type(fromMinh, { delay: 8 })]);

    await waitForText(pageLan, fromMinh);
    await waitForText(pageMinh, fromLan);
    await Promise.all([waitForAllSynced(pageLan), waitForAllSynced(pageMinh)]);

    // Each sees the other's caret, labelled with the name and coloured by the department.
    const minhCaret = pageLan.locator('.collaboration-carets__label', { hasText: 'Trần Văn Minh' });
    const lanCaret = pageMinh.locator('.collaboration-carets__label', { hasText: 'Nguyễn Thị Lan' });
    await expect.poll(() => minhCaret.count()).toBe(1);
    await expect.poll(() => lanCaret.count()).toBe(1);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await lanCaret.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(presenceColor(financeId)));

    // The presence bar names people and their departments, from the server.
    await expect.poll(() => pageLan.locator('.presence').innerText()).toContain('Sở Tư pháp');
    expect(await pageMinh.locator('.presence').innerText()).toContain('Nguyễn Thị Lan');

    // Identical content at the end, both texts whole.
    await expect.poll(async () => (await documentHtml(pageLan)) === (await documentHtml(pageMinh))).toBe(true);
    const text = await documentText(pageLan);
    expect(text).toContain(fromLan);
    expect(text).toContain(fromMinh);

    // Undo is collaborative: Minh's undo (shortcut) takes back Minh's typing only; redo (toolbar) restores it.
    await pageMinh.keyboard.press('Control+z');
    await expect.poll(() => documentText(pageLan)).not.toContain(fromMinh);
    expect(await documentText(pageLan)).toContain(fromLan);
    await pageMinh.getByRole('button', { name: 'Redo' }).click();
    await waitForText(pageLan, fromMinh);
    expect(problems).toEqual([]);
  }, browserTestMs);

  it('gives a viewer live changes, a read-only editor and no toolbar', async () => {
    await ensurePages();
    const pageNam = await open(nam);
    expect(await pageNam.locator('.editor-toolbar').count()).toBe(0);
    await pageNam.locator('.read-only-notice').waitFor();
    expect(await editor(pageNam).getAttribute('contenteditable')).toBe('false');
    expect(await pageNam.locator('button', { hasText: 'Share' }).count()).toBe(0);

    const live = 'Điều 2. Đối tượng áp dụng: cán bộ, công chức các sở, ngành.';
    await editor(pageLan).click();
    await pageLan.keyboard.press('Control+End');
    await pageLan.keyboard.press('Enter');
    await pageLan.keyboard.type(live);
    await waitForText(pageNam, live);

    await editor(pageNam).click();
    await pageNam.keyboard.type('VIEWER-TYPED');
    await pageNam.keyboard.press('Enter');
    expect(await documentText(pageNam)).not.toContain('VIEWER-TYPED');
    // Anything Nam's page sent left before Lan types this marker; once the marker has gone Lan →
    // server → Nam, an update of Nam's would have reached the server (and Lan) too.
    const marker = 'Điều 3. Hiệu lực thi hành.';
    await pageLan.keyboard.press('Enter');
    await pageLan.keyboard.type(marker);
    await waitForText(pageNam, marker);
    await waitForAllSynced(pageLan);
    await server.collab.flushDocument(documentId);
    const stored = paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)));
    expect(stored.join('\n')).toContain(marker);
    expect(stored.join('\n')).not.toContain('VIEWER-TYPED');
    expect(await documentText(pageLan)).not.toContain('VIEWER-TYPED');
    expect(await documentText(pageNam)).not.toContain('VIEWER-TYPED');
    expect(await documentHtml(pageNam)).toBe(await documentHtml(pageLan));
  }, browserTestMs);

  it('looks right with two people present, at desktop and tablet sizes', async () => {
    await ensurePages();
    // A fuller draft: a list and a table, made through the toolbar.
    await editor(pageLan).click();
    await pageLan.keyboard.press('Control+End');
    await pageLan.keyboard.press('Enter');
    await pageLan.locator('[data-action="numbers"]').click();
    await pageLan.keyboard.type('Bảo đảm tuân thủ quy định của pháp luật;');
    await pageLan.keyboard.press('Enter');
    await pageLan.keyboard.type('Công khai, minh bạch trong hoạt động công vụ.');
    await pageLan.keyboard.press('Enter');
    await pageLan.keyboard.press('Enter');
    await pageLan.locator('[data-action="table"]').click();
    for (const cell of ['Nội dung', 'Đơn vị chủ trì', 'Thời hạn', 'Rà soát quy chế', 'Sở Tư pháp', 'Quý III/2025']) {
      await pageLan.keyboard.type(cell);
      await pageLan.keyboard.press('Tab');
    }
    await pageLan.locator('[data-action="row-add"]').waitFor();
    await editor(pageMinh).click();
    await pageMinh.keyboard.press('Control+Home');
    await pageMinh.keyboard.press('End');
    await Promise.all([waitForAllSynced(pageLan), waitForAllSynced(pageMinh)]);
    await waitForText(pageMinh, 'Quý III/2025');
    await pageLan.locator('.collaboration-carets__label', { hasText: 'Trần Văn Minh' }).waitFor();
    await pageMinh.locator('.collaboration-carets__label', { hasText: 'Nguyễn Thị Lan' }).waitFor();

    for (const page of [pageLan, pageMinh]) await page.locator('.paper-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    const desktop = await screenshot(pageLan, 'editor-desktop-1280x800.png');
    const tablet = await screenshot(pageMinh, 'editor-tablet-768x1024.png');
    // Real images of the sizes asked for (PNG signature, IHDR width × height), not just file names.
    expect(await pngSize(desktop)).toEqual({ width: 1280, height: 800 });
    expect(await pngSize(tablet)).toEqual({ width: 768, height: 1024 });
    // At 768 px nothing overflows sideways.
    expect(await pageMinh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(problems).toEqual([]);
  }, browserTestMs);
});

/**
 * Offline in real Chromium: one person goes offline, keeps typing, reloads the page while still
 * offline (service worker shell + IndexedDB copy) and still sees the text; when the connection
 * returns, the other person receives it, and nothing either of them typed is lost.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import {
  buildClientOnce,
  documentHtml,
  documentText,
  editor,
  launchBrowser,
  newContext,
  openDocument,
  waitForAllSynced,
  waitForConnection,
  waitForText,
} from '../support/browser';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

describe('working offline', () => {
  let server: TestServer;
  let browser: Browser;
  let hoa: TestUser;
  let tuan: TestUser;
  let documentId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, 'Văn phòng UBND');
    const home = await makeDepartment(db, 'Sở Nội vụ');
    hoa = await makeUser(db, { departmentIds: [office.id], name: 'Phạm Thu Hoa' });
    tuan = await makeUser(db, { departmentIds: [home.id], name: 'Đặng Quốc Tuấn' });
    documentId = (await makeDocument(db, hoa, 'Báo cáo tình hình thực hiện nhiệm vụ')).id;
    await grant(db, documentId, { departmentId: home.id }, 'edit');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const open = async (user: TestUser) => {
    const context = await newContext(browser, server.url, { cookie: user.cookie });
    contexts.push(context);
    const page = await context.newPage();
    await openDocument(page, documentId);
    return { context, page };
  };

  const typeAtEnd = async (page: Page, text: string) => {
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  };

  it('keeps offline edits through a reload and merges them when back online', async () => {
    const { context: offlineContext, page: pageHoa } = await open(hoa);
    const { page: pageTuan } = await open(tuan);
    // The app shell must be cached and this page controlled by the service worker before going offline.
    await pageHoa.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });

    await typeAtEnd(pageHoa, 'Phần I. Kết quả đạt được trong quý.');
    await waitForText(pageTuan, 'Phần I. Kết quả đạt được trong quý.');
    await waitForAllSynced(pageHoa);

    await offlineContext.setOffline(true);
    await waitForConnection(pageHoa, 'offline');
    const offlineText = 'Phần II. Viết khi mất mạng: số liệu chi tiết kèm theo.';
    await typeAtEnd(pageHoa, offlineText);
    const status = pageHoa.locator('.connection');
    await expect.poll(async () => Number(await status.getAttribute('data-unsynced'))).toBeGreaterThan(0);
    await pageHoa.locator('.connection[data-stored-locally="true"]').waitFor();

    // Meanwhile the other person keeps working online.
    const onlineText = 'Ý kiến Sở Nội vụ: thống nhất với dự thảo.';
    await typeAtEnd(pageTuan, onlineText);
    await waitForAllSynced(pageTuan);

    // The unsent edits are on this device (IndexedDB): reloading loses nothing, so nothing asks (issue 15, item 1).
    const dialogs: string[] = [];
    pageHoa.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await pageHoa.reload();
    expect(dialogs).not.toContain('beforeunload');
    await waitForConnection(pageHoa, 'offline');
    await waitForText(pageHoa, offlineText);
    await expect.poll(async () => Number(await status.getAttribute('data-unsynced'))).toBeGreaterThan(0);
    expect(await documentText(pageHoa)).not.toContain(onlineText);

    // Back online: both edits meet, nothing lost.
    await offlineContext.setOffline(false);
    await waitForAllSynced(pageHoa);
    await waitForText(pageTuan, offlineText);
    await waitForText(pageHoa, onlineText);
    await waitForAllSynced(pageTuan);
    await expect.poll(async () => (await documentHtml(pageHoa)) === (await documentHtml(pageTuan))).toBe(true);
    const text = await documentText(pageTuan);
    for (const expected of ['Phần I. Kết quả đạt được trong quý.', offlineText, onlineText]) expect(text).toContain(expected);
  }, browserTestMs);
});

/**
 * Issue 15, items 1–3 (no silent loss), in real Chromium against a real server:
 * 1. signing out offline with unsent edits names the drafts and keeps them unless told otherwise;
 *    going back to the list (which keeps them) does not warn at all;
 * 2. closing the share dialog with a pending grant asks to save or discard, and saving grants;
 * 3. removing the owning department's grant asks first, and the dialog's words stay true.
 * Each screen is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkA11y } from '../support/axe';
import { buildClientOnce, editor, launchBrowser, newContext, openDocument, waitForAllSynced, waitForConnection } from '../support/browser';
import { makeDepartment, makeDocument, makeUser, signIn, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { documentGrants } from '../../server/db/schema';

describe('no silent loss', () => {
  let server: TestServer;
  let browser: Browser;
  let hoa: TestUser;
  let tuan: TestUser;
  let officeId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, 'Văn phòng UBND');
    officeId = office.id;
    const home = await makeDepartment(db, 'Sở Nội vụ');
    hoa = await makeUser(db, { departmentIds: [office.id], name: 'Phạm Thu Hoa' });
    tuan = await makeUser(db, { departmentIds: [home.id], name: 'Đặng Quốc Tuấn' });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const signedInPage = async (user: TestUser, options: Parameters<typeof newContext>[2] = {}) => {
    // A fresh session each time: the first test signs out, which ends its session.
    const context = await newContext(browser, server.url, { cookie: await signIn(server.database.db, user.id), ...options });
    contexts.push(context);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return { context, page, dialogs };
  };

  const grantsOf = async (documentId: string) =>
    (await server.database.db.select().from(documentGrants).where(eq(documentGrants.documentId, documentId))).map((g) => `${g.departmentId ?? g.userId}:${g.level}`).sort();

  it('1. sign-out offline names the drafts with unsent edits, stays by default, and back-to-list does not warn', async () => {
    const title = 'Tờ trình về kế hoạch chuyển đổi số năm 2027';
    const doc = await makeDocument(server.database.db, hoa, title);
    const { context, page, dialogs } = await signedInPage(hoa, { viewport: { width: 768, height: 1024 }, hasTouch: true });
    await page.goto('/');
    await page.getByRole('link', { name: title }).waitFor();
    await openDocument(page, doc.id);

    await context.setOffline(true);
    await waitForConnection(page, 'offline');
    await editor(page).click();
    await page.keyboard.type('Đoạn viết khi mất mạng trên máy tính bảng.');
    await page.locator('.connection[data-stored-locally="true"]').waitFor();
    await expect.poll(async () => Number(await page.locator('.connection').getAttribute('data-unsynced'))).toBeGreaterThan(0);
    // Item 5: what matters, not a keystroke count.
    expect(await page.locator('.connection__sync').innerText()).toBe('Not yet synced — saved on this device');

    // Back to the list: the edits stay on this device, so nothing to warn about.
    await page.getByRole('link', { name: 'All documents' }).click();
    await page.getByRole('heading', { name: 'Documents', level: 1 }).waitFor();
    expect(dialogs).toEqual([]);

    // Sign out: a dialog names the draft and says its edits would be deleted; staying is the default.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edits not yet on the server' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(title);
    expect(await dialog.textContent()).toContain('You are offline');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay and sync');
    expect(await checkA11y(page, 'sign-out dialog (tablet, offline)')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Still signed in, the device copy and its pending count intact; focus back on the sign-out button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Sign out');
    const kept = await page.evaluate(async (id) => ({
      pending: Number(localStorage.getItem(`codraft:pending:${id}`)),
      db: (await indexedDB.databases()).some((d) => d.name === `codraft-doc-${id}`),
    }), doc.id);
    expect(kept.pending).toBeGreaterThan(0);
    expect(kept.db).toBe(true);

    // Online again, open the draft from the dialog's link: the edits reach the server; then sign-out asks nothing.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog').getByRole('link', { name: title }).click();
    await waitForAllSynced(page);
    expect(await page.locator('.connection__sync').innerText()).toBe('Saved');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('2. closing the share dialog with a pending grant asks to save or discard; saving grants access', async () => {
    const doc = await makeDocument(server.database.db, hoa, 'Kế hoạch kiểm tra công vụ');
    const { page } = await signedInPage(hoa);
    await openDocument(page, doc.id);
    const shareButton = page.getByRole('button', { name: 'Share' });
    await shareButton.click();
    const dialog = page.getByRole('dialog', { name: /Share/ });
    await dialog.getByRole('combobox', { name: 'Department or person' }).selectOption({ label: `${tuan.name} — Sở Nội vụ` });
    await dialog.getByRole('button', { name: 'Add access' }).click();
    expect(await checkA11y(page, 'share dialog with a pending grant')).toEqual([]);

    // Escape does not throw the grant away: it asks, naming what is pending.
    await page.keyboard.press('Escape');
    const ask = dialog.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain(`${tuan.name}: Can view (new)`);
    expect(await grantsOf(doc.id)).toEqual([`${officeId}:edit`]);
    await ask.getByRole('button', { name: 'Save access' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => grantsOf(doc.id)).toEqual([`${officeId}:edit`, `${tuan.id}:view`].sort());
    // Focus returns to the button that opened the dialog.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Share');

    // Discarding is a deliberate choice, and then nothing changes on the server.
    await shareButton.click();
    await dialog.getByRole('combobox', { name: `Access for ${tuan.name}` }).selectOption('edit');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.getByRole('alertdialog').getByRole('button', { name: 'Discard changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await grantsOf(doc.id)).toEqual([`${officeId}:edit`, `${tuan.id}:view`].sort());
  }, 90_000);

  it("3. removing the owning department's grant asks first and the dialog says what remains", async () => {
    const doc = await makeDocument(server.database.db, hoa, 'Quy chế làm việc');
    const { page } = await signedInPage(hoa);
    await openDocument(page, doc.id);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: /Share/ });
    const intro = dialog.getByTestId('share-intro');
    await expect.poll(() => intro.textContent()).toContain('Văn phòng UBND, the owning department, can edit');

    await dialog.getByRole('button', { name: 'Remove access for Văn phòng UBND' }).click();
    const ask = dialog.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('will no longer be able to open this draft');
    expect(await checkA11y(page, 'share dialog, removing the owning department')).toEqual([]);
    await ask.getByRole('button', { name: 'Keep its access' }).click();
    expect(await dialog.getByRole('button', { name: 'Remove access for Văn phòng UBND' }).count()).toBe(1);

    await dialog.getByRole('button', { name: 'Remove access for Văn phòng UBND' }).click();
    await dialog.getByRole('alertdialog').getByRole('button', { name: 'Remove its access' }).click();
    await expect.poll(() => intro.textContent()).toContain('has no access');
    await dialog.getByRole('button', { name: 'Save access' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => grantsOf(doc.id)).toEqual([]);
  }, 90_000);
});

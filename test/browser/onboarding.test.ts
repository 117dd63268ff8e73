/**
 * A workspace's first day, in real Chromium, through the UI only: first-run setup, sign out and
 * in (wrong password first), a department and a colleague created in administration, a draft
 * created and shared with that department, the colleague signing in and opening it. Then the
 * colleague's session expires mid-work: signing in again over the page loses nothing typed.
 */
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import { sessions, users } from '../../server/db/schema';
import { buildClientOnce, editor, launchBrowser, newContext, screenshot, waitForAllSynced, waitForConnection, waitForText } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

const admin = { name: 'Hoàng Minh Đức', email: 'duc@ubnd.example.org', department: 'Văn phòng UBND tỉnh', password: 'chuyen doi so 2025' };
const colleague = { name: 'Vũ Thị Mai', email: 'mai@ubnd.example.org', password: 'mat khau cua mai' };
const department = 'Sở Nội vụ';
const title = 'Kế hoạch chuyển đổi số năm 2025';

describe('first run to a shared draft', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let pageMai: Page;

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const freshPage = async () => {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    return context.newPage();
  };

  const signIn = async (page: Page, email: string, password: string) => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('sets up, signs in, creates and shares a draft that the other department opens', async () => {
    const page = await freshPage();
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByLabel('Full name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Your department').fill(admin.department);
    await page.getByLabel('Password').fill(admin.password);
    await screenshot(page, 'setup.png');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Documents' }).waitFor();

    // Sign out, then back in: a wrong password is explained, the right one lets me in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signIn(page, admin.email, 'not my password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();

    // Administration: a department and a colleague in it.
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByLabel('Department name').fill(department);
    await page.getByRole('button', { name: 'New department' }).click();
    await page.getByRole('cell', { name: department }).waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Full name').fill(colleague.name);
    await dialog.getByLabel('Email').fill(colleague.email);
    await dialog.getByLabel('Password').fill(colleague.password);
    await dialog.getByLabel(department).check();
    await screenshot(page, 'admin-new-user.png');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: colleague.email }).waitFor();

    // A draft, with some text, shared with the colleague's department.
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByLabel('Title of the new draft').fill(title);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL('**/documents/*');
    await waitForConnection(page, 'connected');
    await editor(page).click();
    await page.keyboard.type('Mục tiêu: 100% hồ sơ công việc được tạo lập điện tử.');
    await waitForAllSynced(page);
    const documentUrl = page.url();

    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('dialog');
    await share.getByLabel('Department or person').selectOption({ label: department });
    await share.getByLabel('Access', { exact: true }).selectOption('edit');
    await share.getByRole('button', { name: 'Add access' }).click();
    await share.getByLabel(`Access for ${department}`, { exact: true }).waitFor();
    await screenshot(page, 'share-dialog.png');
    await share.getByRole('button', { name: 'Save access' }).click();
    await page.getByText('Access updated.').waitFor();

    // The colleague signs in, finds the draft in the list and opens it.
    pageMai = await freshPage();
    await pageMai.goto(documentUrl);
    await pageMai.waitForURL('**/sign-in?next=*');
    await signIn(pageMai, colleague.email, colleague.password);
    await pageMai.waitForURL(documentUrl);
    await waitForText(pageMai, 'Mục tiêu: 100% hồ sơ công việc được tạo lập điện tử.');
    await pageMai.getByRole('link', { name: 'All documents' }).click();
    const row = pageMai.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toContain(admin.department);
    expect(await row.innerText()).toContain(admin.name); // last edited by
    await screenshot(pageMai, 'documents.png');
    await row.getByRole('link', { name: title }).click();
    await waitForConnection(pageMai, 'connected');
    await pageMai.getByRole('toolbar', { name: 'Formatting' }).waitFor();
  }, browserTestMs);

  it('asks to sign in again when the session expires, keeping what was typed', async () => {
    await editor(pageMai).click();
    await pageMai.keyboard.press('Control+End');
    await pageMai.keyboard.type(' Ý kiến Sở Nội vụ: đồng ý.');
    await waitForAllSynced(pageMai);

    const db = server.database.db;
    const [mai] = await db.select({ id: users.id }).from(users).where(eq(users.email, colleague.email));
    await db.delete(sessions).where(eq(sessions.userId, mai!.id));

    // Renaming needs the API: the expired session shows the sign-in dialog over the page.
    await pageMai.getByRole('button', { name: 'Rename' }).click();
    await pageMai.getByLabel('New title').fill(`${title} (góp ý)`);
    await pageMai.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = pageMai.getByRole('dialog', { name: 'Your session has expired' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Email').inputValue()).toBe(colleague.email);
    await dialog.getByLabel('Password').fill(colleague.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Nothing lost: the text and the title being typed are still there; saving now works.
    await waitForText(pageMai, 'Ý kiến Sở Nội vụ: đồng ý.');
    expect(await pageMai.getByLabel('New title').inputValue()).toBe(`${title} (góp ý)`);
    await pageMai.getByRole('button', { name: 'Save', exact: true }).click();
    await pageMai.getByRole('heading', { name: `${title} (góp ý)` }).waitFor();
    await pageMai.keyboard.press('Control+End');
    await editor(pageMai).click();
    await pageMai.keyboard.type(' Sau khi đăng nhập lại.');
    await waitForAllSynced(pageMai);
  }, browserTestMs);
});

/**
 * The UI language follows the browser (Vietnamese when asked for, English otherwise) and can be
 * switched; the sign-in page loads no editor code.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs } from '../support/timeouts';
import { buildClientOnce, launchBrowser, newContext, screenshot } from '../support/browser';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

describe('language and the sign-in route', () => {
  let server: TestServer;
  let browser: Browser;
  let user: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    user = await makeUser(db, { departmentIds: [(await makeDepartment(db, 'Sở Thông tin và Truyền thông')).id], name: 'Ngô Bảo Châu' });
    await makeDocument(db, user, 'Tờ trình về việc phê duyệt đề án');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const page = async (locale: string, cookie?: string): Promise<Page> => {
    const context = await newContext(browser, server.url, { locale, cookie });
    contexts.push(context);
    return context.newPage();
  };

  it('speaks Vietnamese when the browser asks for it', async () => {
    const signIn = await page('vi-VN');
    await signIn.goto('/');
    await signIn.waitForURL('**/sign-in');
    await signIn.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signIn.getByLabel('Mật khẩu').waitFor();
    expect(await signIn.getByRole('button', { name: 'Đăng nhập' }).count()).toBe(1);
    expect(await signIn.locator('html').getAttribute('lang')).toBe('vi');
    await screenshot(signIn, 'sign-in-vi.png');

    const documents = await page('vi-VN', user.cookie);
    await documents.goto('/');
    await documents.getByRole('heading', { name: 'Tài liệu' }).waitFor();
    await documents.getByRole('button', { name: 'Tạo bản thảo' }).waitFor();
    await documents.getByPlaceholder('Tìm theo tiêu đề').waitFor();
    const row = documents.getByRole('row').filter({ hasText: 'Tờ trình về việc phê duyệt đề án' });
    expect(await row.innerText()).toContain('Được chỉnh sửa');
    await screenshot(documents, 'documents-vi.png');

    // Switchable, and remembered.
    await documents.getByLabel('Ngôn ngữ').selectOption('en');
    await documents.getByRole('heading', { name: 'Documents' }).waitFor();
    await documents.reload();
    await documents.getByRole('heading', { name: 'Documents' }).waitFor();
    expect(await documents.locator('html').getAttribute('lang')).toBe('en');
  }, browserTestMs);

  it('speaks English otherwise', async () => {
    for (const locale of ['en-US', 'fr-FR']) {
      const signIn = await page(locale);
      await signIn.goto('/sign-in');
      await signIn.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn.getByLabel('Password').waitFor();
      expect(await signIn.locator('html').getAttribute('lang')).toBe('en');
    }
  }, browserTestMs);

  it('loads no editor code on the sign-in page, and starts keyboard navigation with a skip link', async () => {
    const signIn = await page('en-US');
    const scripts: string[] = [];
    signIn.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await signIn.goto('/sign-in');
    await signIn.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /DocumentPage|editor/i.test(s))).toEqual([]);
    const sources = await Promise.all(scripts.map((s) => signIn.evaluate((url) => fetch(url).then((r) => r.text()), s)));
    expect(sources.some((source) => source.includes('ProseMirror'))).toBe(false);

    await signIn.keyboard.press('Tab');
    expect(await signIn.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await signIn.keyboard.press('Tab');
    expect(await signIn.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Language');
  }, browserTestMs);
});

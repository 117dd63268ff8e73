/**
 * Issue 8, "what it must show" 3 and 5, in real Chromium: a commenter selects a passage and
 * comments (Ctrl+Alt+M), the drafter — in a second browser, without reloading — sees the thread
 * and replies; the commenter sees the reply and the notification badge live, then resolves the
 * thread; a leader's annotation appears styled apart. Screenshots at desktop and tablet sizes.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientOnce, launchBrowser, newContext, openDocument, screenshot } from '../support/browser';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { makeLeader, writeDraft } from '../comments/setup';
import { call } from '../api/http';

describe('comments in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let lan: TestUser;
  let nam: TestUser;
  let hung: TestUser;
  let documentId: string;
  let justiceId: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const passage = 'lập, quản lý và lưu trữ hồ sơ điện tử';
  const second = 'Văn phòng chịu trách nhiệm hướng dẫn thi hành';

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, 'Văn phòng UBND tỉnh');
    const justice = await makeDepartment(db, 'Sở Tư pháp');
    justiceId = justice.id;
    lan = await makeUser(db, { departmentIds: [office.id], name: 'Nguyễn Thị Lan' });
    nam = await makeUser(db, { departmentIds: [justice.id], name: 'Lê Hoàng Nam' });
    hung = await makeUser(db, { departmentIds: [justice.id], name: 'Trần Văn Hùng' });
    await makeLeader(db, hung, justice.id);
    documentId = (await makeDocument(db, lan, 'Quy chế quản lý hồ sơ điện tử')).id;
    await grant(db, documentId, { departmentId: justice.id }, 'comment');
    const writer = await writeDraft(server, documentId, lan, [`Điều 1. Quy chế này quy định việc ${passage}.`, `Điều 2. ${second} Quy chế này.`]);
    writer.destroy();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const open = async (user: TestUser, viewport = { width: 1280, height: 800 }, draftId = documentId) => {
    const context = await newContext(browser, server.url, { cookie: user.cookie, viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await openDocument(page, draftId);
    return page;
  };

  /** Select `text` in the draft as a person would with the mouse (a DOM selection the editor reads). */
  const select = (page: Page, text: string) =>
    page.evaluate((wanted) => {
      const root = document.querySelector('.document-content') as HTMLElement;
      root.focus();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      }
      throw new Error(`text not found: ${wanted}`);
    }, text);

  const panel = (page: Page) => page.locator('#comments-panel');
  const ensurePanel = async (page: Page) => {
    if (!(await panel(page).isVisible())) await page.getByRole('button', { name: /Show or hide comments/ }).click();
    await panel(page).waitFor();
  };
  const thread = (page: Page, quote: string) => panel(page).locator('.thread[data-thread-id]', { hasText: quote });

  it('comment, live reply with a notification, resolve; a leader annotation styled apart; desktop and tablet', async () => {
    const pageNam = await open(nam);
    const pageLan = await open(lan);
    await ensurePanel(pageNam);
    await ensurePanel(pageLan);

    // Nam (comment access, read-only draft) selects a passage and presses Ctrl+Alt+M.
    await select(pageNam, passage);
    await pageNam.waitForTimeout(100); // the editor reads the selection on selectionchange
    await pageNam.keyboard.press('Control+Alt+m');
    const composer = panel(pageNam).getByRole('combobox', { name: 'Your comment' });
    await composer.fill('Cần nêu rõ thời hạn lưu trữ.');
    await panel(pageNam).getByRole('button', { name: 'Send' }).click();
    await thread(pageNam, 'Cần nêu rõ thời hạn lưu trữ.').waitFor();
    await pageNam.locator('.document-content .comment-mark--comment', { hasText: 'quản lý' }).first().waitFor();

    // Lan sees it without reloading, and replies.
    const lanThread = thread(pageLan, 'Cần nêu rõ thời hạn lưu trữ.');
    await lanThread.waitFor({ timeout: 10_000 });
    await pageLan.locator('.document-content .comment-mark--comment').first().waitFor();
    await lanThread.getByRole('button', { name: 'Reply' }).click();
    await lanThread.getByRole('combobox', { name: 'Reply' }).fill('Đã bổ sung ở Điều 3.');
    await lanThread.getByRole('button', { name: 'Send' }).click();

    // Nam sees the reply and the badge, live.
    await thread(pageNam, 'Đã bổ sung ở Điều 3.').waitFor({ timeout: 10_000 });
    await pageNam.locator('[data-testid="notification-badge"]').waitFor({ timeout: 10_000 });
    expect(await pageNam.locator('[data-testid="notification-badge"]').textContent()).toBe('1');
    await pageNam.getByRole('button', { name: /^Notifications: 1 unread/ }).click();
    await pageNam.locator('.notification[data-kind="reply"]').waitFor();
    expect(await pageNam.locator('.notification[data-kind="reply"]').textContent()).toContain('Nguyễn Thị Lan');
    await pageNam.keyboard.press('Escape');

    // Nam resolves it; it leaves Lan's open list.
    await thread(pageNam, 'Đã bổ sung ở Điều 3.').getByRole('button', { name: 'Resolve' }).click();
    await pageLan.waitForFunction(() => !document.querySelector('#comments-panel .thread[data-state="open"]'), undefined, { timeout: 10_000 });
    await panel(pageLan).getByRole('button', { name: 'Resolved', exact: true }).click();
    await panel(pageLan).locator('.thread[data-state="resolved"]').waitFor();
    expect(await panel(pageLan).locator('.thread__resolved').textContent()).toContain('Lê Hoàng Nam');

    // Hùng, a leader, annotates another passage with the button.
    const pageHung = await open(hung);
    await ensurePanel(pageHung);
    await select(pageHung, second);
    await pageHung.waitForTimeout(100);
    await panel(pageHung).getByRole('button', { name: 'Annotate' }).click();
    await panel(pageHung).getByRole('combobox', { name: 'Your comment' }).fill('Giao Văn phòng chủ trì, báo cáo trước 30/12.');
    await panel(pageHung).getByRole('button', { name: 'Send' }).click();
    const annotationMark = pageLan.locator('.document-content .comment-mark--annotation').first();
    await annotationMark.waitFor({ timeout: 10_000 });
    await panel(pageLan).getByRole('button', { name: 'All', exact: true }).first().click();
    const annotationCard = panel(pageLan).locator('.thread--annotation').first();
    await annotationCard.waitFor();
    expect(await annotationCard.textContent()).toContain('Leader');
    // Annotations are listed first and highlighted in their own colour.
    expect(await panel(pageLan).locator('.thread-list > .thread').first().getAttribute('data-kind')).toBe('annotation');
    const colour = (selector: string) => pageLan.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    await panel(pageLan).getByRole('button', { name: 'Open', exact: true }).click();
    await panel(pageLan).getByRole('button', { name: 'All', exact: true }).first().click();
    expect(await colour('.document-content .comment-mark--annotation')).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(pageLan, 'comments-desktop.png');

    // Lan deletes the annotated passage: Hùng's panel shows it orphaned at once; her undo re-attaches it for him.
    const hungAnnotation = panel(pageHung).locator('.thread--annotation').first();
    await hungAnnotation.waitFor();
    await select(pageLan, second);
    await pageLan.waitForTimeout(100);
    await pageLan.keyboard.press('Backspace');
    await panel(pageHung).locator('.thread--annotation[data-anchor="orphaned"]').waitFor({ timeout: 10_000 });
    expect(await hungAnnotation.locator('.thread__quote').textContent()).toBe(second);
    await pageLan.keyboard.press('Control+z');
    await panel(pageHung).locator('.thread--annotation[data-anchor="attached"]').waitFor({ timeout: 15_000 });
    await pageHung.locator('.document-content .comment-mark--annotation').first().waitFor();

    // Freeze a version: its viewer shows the threads as frozen (read only, from the verified bundle).
    const frozen = await call(server, 'POST', `/api/documents/${documentId}/versions`, { cookie: lan.cookie, body: { label: 'Dự thảo lần 1' } });
    expect(frozen.status).toBe(201);
    await pageLan.getByRole('button', { name: 'Version history' }).click();
    await pageLan.locator('#version-panel .version[data-version="1"]').getByRole('button', { name: /^Open version 1:/ }).click();
    const frozenThreads = pageLan.locator('dialog.version-viewer .frozen-threads');
    await frozenThreads.locator('.thread[data-kind="annotation"]').waitFor();
    expect(await frozenThreads.locator('.thread[data-state="resolved"]').textContent()).toContain('Đã bổ sung ở Điều 3.');
    await pageLan.keyboard.press('Escape');

    // Tablet: 768 px wide, the panel is a drawer; the annotation still shows apart.
    const tablet = await open(lan, { width: 768, height: 1024 });
    await ensurePanel(tablet);
    await tablet.locator('.document-content .comment-mark--annotation').first().waitFor();
    await panel(tablet).locator('.thread--annotation').first().waitFor();
    const box = await panel(tablet).boundingBox();
    expect(box && box.width).toBeLessThanOrEqual(768);
    await screenshot(tablet, 'comments-tablet.png');

    expect(problems.filter((p) => !/favicon|Failed to load resource/.test(p))).toEqual([]);
  }, 180_000);

  it('a comment written offline is sent on reconnect; one refused meanwhile keeps its text on screen', async () => {
    // A draft of its own, so this test runs alone (-t) or after the other one alike.
    const db = server.database.db;
    const draft = (await makeDocument(db, lan, 'Kế hoạch số hóa hồ sơ')).id;
    await grant(db, draft, { departmentId: justiceId }, 'comment');
    const writer = await writeDraft(server, draft, lan, [`Điều 1. ${passage} của cơ quan.`, `Điều 2. ${second}.`]);
    writer.destroy();
    const page = await open(nam, undefined, draft);
    await ensurePanel(page);
    const writeOffline = async (text: string, body: string) => {
      await page.context().setOffline(true);
      await select(page, text);
      await page.waitForTimeout(100); // the editor reads the selection on selectionchange
      await page.keyboard.press('Control+Alt+m');
      await panel(page).getByRole('combobox', { name: 'Your comment' }).fill(body);
      await panel(page).getByRole('button', { name: 'Send' }).click();
      await panel(page).locator('.comments-panel__queued', { hasText: '1 comment waiting for the network' }).waitFor();
    };
    const serverBodies = async () =>
      (await call(server, 'GET', `/api/documents/${draft}/threads?state=all`, { cookie: lan.cookie })).body.threads.flatMap((t: { comments: { body: string }[] }) => t.comments.map((c) => c.body));

    // Offline: the comment waits on the device (in localStorage), then goes on reconnect.
    await writeOffline(passage, 'Viết trên xe, khi mất sóng.');
    expect(await serverBodies()).toEqual([]);
    await page.context().setOffline(false);
    await thread(page, 'Viết trên xe, khi mất sóng.').waitFor();
    await panel(page).locator('.comments-panel__queued').waitFor({ state: 'detached' });
    expect(await serverBodies()).toEqual(['Viết trên xe, khi mất sóng.']);

    // Offline again; meanwhile the drafter finalizes the draft: the server refuses the comment, and
    // its text stays on screen with the reason until dismissed (never dropped silently).
    await writeOffline(second, 'Góp ý viết sau khi đã chốt.');
    expect((await call(server, 'POST', `/api/documents/${draft}/versions`, { cookie: lan.cookie, body: { label: 'Bản cuối', final: true } })).status).toBe(201);
    await page.context().setOffline(false);
    const refused = panel(page).locator('.comments-panel__refused');
    await refused.waitFor();
    expect(await refused.locator('.comments-panel__refused-text').textContent()).toBe('Góp ý viết sau khi đã chốt.');
    expect(await refused.locator('p').textContent()).toMatch(/could not be sent\. .+ Its text is kept here\./);
    expect(await serverBodies()).toEqual(['Viết trên xe, khi mất sóng.']);
    await screenshot(page, 'comments-offline-refused.png');
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await refused.waitFor({ state: 'detached' });
  }, 180_000);
});

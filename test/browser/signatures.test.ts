/**
 * Issue 10, item 5, in real Chromium at tablet size (768 × 1024, touch): a leader creates a signing
 * key on the device (WebCrypto in the browser, kept in IndexedDB), an administrator approves it, the
 * leader opens the queue and signs with one tap; the clerk issues it from the same page; the draft
 * shows "Issued as 01/QĐ-UBND …". Screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientOnce, launchBrowser, newContext, screenshot } from '../support/browser';
import { checkA11y } from '../support/axe';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';
import { saveAgencySettings } from '../../server/agency/settings';
import { setContent, paragraphs } from '../records/content';

describe('sign-off in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let drafter: TestUser;
  let leader: TestUser;
  let clerk: TestUser;
  let admin: TestUser;
  let submissionId: string;
  let documentId: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const api = (user: TestUser, method: string, path: string, body?: unknown) => call(server, method, path, { cookie: user.cookie, body, headers: { origin: server.url } });

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testDb.handle.db;
    const office = await makeDepartment(db, 'Văn phòng');
    const board = await makeDepartment(db, 'Thường trực');
    drafter = await makeUser(db, { departmentIds: [office.id], name: 'Nguyễn Thị Lan' });
    leader = await makeUser(db, { leaderOf: [board.id], name: 'Chủ tịch Trần Văn Hùng' });
    clerk = await makeUser(db, { departmentIds: [office.id], isClerk: true, name: 'Văn thư Mai' });
    admin = await makeUser(db, { isAdmin: true, name: 'Quản trị' });
    await saveAgencySettings(db, { name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', abbreviation: 'UBND', code: '', superiorBody: '', placeName: 'An Bình', signerTitles: [] }, admin.id);
    const doc = await makeDocument(db, drafter, 'Quyết định ban hành kế hoạch');
    documentId = doc.id;
    await grant(db, doc.id, { userId: leader.id }, 'comment');
    await setContent(server.collab, doc.id, paragraphs('Điều 1. Ban hành kế hoạch năm 2027.'));
    const frozen = await api(drafter, 'POST', `/api/documents/${doc.id}/versions`, { label: 'Trình ký' });
    expect(frozen.status).toBe(201);
    const sub = await api(drafter, 'POST', `/api/versions/${frozen.body.version.id}/submissions`, { documentType: 'QĐ', signers: [{ user: leader.id, step: 'sign' }] });
    expect(sub.status).toBe(201);
    submissionId = sub.body.submission.id;
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const tablet = async (user: TestUser): Promise<Page> => {
    const context = await newContext(browser, server.url, { cookie: user.cookie, viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto('/signatures');
    return page;
  };

  it('a leader registers a device key, signs from the queue; the clerk issues', async () => {
    const page = await tablet(leader);
    await page.locator('.signatures-device__create button').tap();
    await page.locator('.signatures-device__state').waitFor();
    // The administrator approves the key on Administration › Signing keys (pending first, named).
    const keys = await api(admin, 'GET', '/api/signing-keys?all=true');
    const pending = keys.body.keys.find((k: { userId: string; state: string }) => k.userId === leader.id && k.state === 'pending');
    expect(pending).toBeTruthy();
    const adminPage = await tablet(admin);
    await adminPage.goto('/admin/keys');
    const keyRow = adminPage.locator(`.signing-keys tr[data-key="${pending.id}"]`);
    await keyRow.waitFor();
    expect(await keyRow.locator('.signing-keys__person').textContent()).toBe(leader.name);
    expect(await checkA11y(adminPage, 'administration: signing keys (tablet)')).toEqual([]);
    await keyRow.locator('button.button--primary').tap();
    await adminPage.locator(`.signing-keys tr[data-key="${pending.id}"][data-state="active"]`).waitFor();
    await screenshot(adminPage, 'signatures-keys-admin-tablet.png');
    const approved = await api(admin, 'GET', '/api/signing-keys?all=true');
    expect(approved.body.keys.find((k: { id: string }) => k.id === pending.id)).toMatchObject({ state: 'active', certificate: expect.anything() });
    await page.reload();
    const item = page.locator(`.signatures-item[data-submission="${submissionId}"]`);
    await item.waitFor();
    await page.locator('.signatures-device__state[data-state="active"]').waitFor();
    // The processing dashboard (leaders, clerks, administrators): the leader's own row, one waiting.
    const leaderRow = (p: Page) => p.locator(`.processing-table[data-scope="signer"] tr[data-id="${leader.id}"]`);
    await expect.poll(() => leaderRow(page).locator('[data-col="waiting"]').textContent()).toBe('1');
    await screenshot(page, 'signatures-queue-tablet.png');
    await item.locator('button.button--primary').tap();
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.signatures-empty').waitFor();

    const clerkPage = await tablet(clerk);
    const toIssue = clerkPage.locator(`.signatures-item[data-submission="${submissionId}"]`);
    await toIssue.waitFor();
    await toIssue.locator('button.button--primary').tap();
    await toIssue.waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(clerkPage, 'signatures-issued-tablet.png');
    // The clerk's dashboard: the leader signed one in the period and has nothing waiting; the CSV
    // link asks for the same period.
    await clerkPage.reload();
    await expect.poll(() => leaderRow(clerkPage).locator('[data-col="signed"]').textContent()).toBe('1');
    expect(await leaderRow(clerkPage).locator('[data-col="waiting"]').textContent()).toBe('0');
    expect(await checkA11y(clerkPage, 'signatures with the processing dashboard (tablet)')).toEqual([]);
    expect(await clerkPage.locator('.processing a[download]').getAttribute('href')).toMatch(/^\/api\/signatures\/dashboard\.csv\?from=.+&to=/);

    const { body } = await api(drafter, 'GET', `/api/submissions/${submissionId}`);
    expect(body.submission.state).toBe('issued');
    expect(body.submission.issued.notation).toBe('01/QĐ-UBND');
    expect(body.submission.steps[0].jws).toMatch(/^eyJ/);

    // The draft shows its number and symbol, read-only.
    const draft = await tablet(drafter);
    await draft.goto(`/documents/${documentId}`);
    const notice = draft.locator('.issued-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('data-notation')).toBe('01/QĐ-UBND');
    expect(await notice.textContent()).toContain('01/QĐ-UBND');
    await screenshot(draft, 'signatures-draft-issued-tablet.png');
    expect(problems).toEqual([]);
  }, 180_000);
});

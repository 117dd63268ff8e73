/**
 * Issue 11, "what it must show" 5, in real Chromium (one browser, one person): search from the
 * header finds a draft typed with diacritics by a query without them ("quyet dinh phe duyet" finds
 * "Quyết định phê duyệt …"), with the match highlighted as <mark> and a click opening the draft;
 * the Dossiers page lists a dossier and its page lists the records filed in it, with the actions a
 * clerk may take. Axe finds no serious or critical violation on the new screens; screenshots at
 * desktop width and at 768 px (no horizontal scroll; the header's search opens from its button).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestMs, eventuallyMs } from '../support/timeouts';
import { buildClientOnce, launchBrowser, newContext, screenshot } from '../support/browser';
import { checkA11y } from '../support/axe';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';
import { paragraphs, setContent } from '../records/content';

const draftTitle = 'Quyết định phê duyệt kế hoạch đầu tư công năm 2026';

describe('search and dossiers in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let clerk: TestUser;
  let documentId: string;
  let dossierId: string;
  let versionSeq: number;
  let secondSeq: number;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    [server, browser] = await Promise.all([startTestServer({ SEARCH_INDEX_POLL_MS: '200' }), launchBrowser()]);
    const db = server.database.db;
    const office = await makeDepartment(db, `Văn phòng ${Date.now()}`);
    clerk = await makeUser(db, { departmentIds: [office.id], isClerk: true, name: 'Lê Thị Văn Thư' });
    const drafter = await makeUser(db, { departmentIds: [office.id], name: 'Trần Văn Soạn' });
    // A decoy that must rank below (or not match) the draft searched for.
    await makeDocument(db, drafter, 'Báo cáo tình hình thu chi quý III');
    const doc = await makeDocument(db, drafter, draftTitle);
    documentId = doc.id;
    await setContent(server.collab, doc.id, paragraphs('Điều 1. Phê duyệt kế hoạch đầu tư công năm 2026 của tỉnh.'));
    const frozen = await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: drafter.cookie, body: { label: 'Bản trình ký' } });
    expect(frozen.status).toBe(201);
    versionSeq = frozen.body.version.seq;
    await setContent(server.collab, doc.id, paragraphs('Điều 1. Phê duyệt kế hoạch đầu tư công năm 2026 của tỉnh.', 'Điều 2. Hiệu lực thi hành.'));
    const second = await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: drafter.cookie, body: { label: 'Bản phát hành' } });
    expect(second.status).toBe(201);
    secondSeq = second.body.version.seq;
    const opened = await call(server, 'POST', '/api/dossiers', {
      cookie: clerk.cookie,
      body: { department: office.id, year: 2026, notation: 'HS-07', title: 'Hồ sơ kế hoạch đầu tư công 2026', retention: 'permanent', rights: 'Sử dụng trong cơ quan' },
    });
    expect(opened.status).toBe(201);
    dossierId = opened.body.dossier.id;
    const plan = await call(server, 'PUT', `/api/departments/${office.id}/dossier-plan?year=2026`, {
      cookie: clerk.cookie,
      body: { items: [{ notation: 'HS-08', title: 'Hồ sơ báo cáo quý', retention: '10' }] },
    });
    expect(plan.status).toBe(200);
    expect((await call(server, 'POST', `/api/dossiers/${dossierId}/records`, { cookie: clerk.cookie, body: { seq: versionSeq } })).status).toBe(201);
    // The indexer runs in the background: wait until the API finds the draft (the UI is tested below).
    const deadline = Date.now() + eventuallyMs;
    // The draft and both versions indexed (they all carry the draft's id).
    const indexed = async () => {
      const found = (await call(server, 'GET', `/api/search?q=${encodeURIComponent('quyet dinh phe duyet')}`, { cookie: clerk.cookie })).body;
      return found?.results?.filter((r: { documentId: string | null }) => r.documentId === documentId).length ?? 0;
    };
    while ((await indexed()) < 3) {
      if (Date.now() > deadline) throw new Error('the draft was not indexed in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openPage = async (): Promise<Page> => {
    const context = await newContext(browser, server.url, { cookie: clerk.cookie });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  };

  it(
    'finds "Quyết định phê duyệt" from the header by typing it without diacritics, and opens it',
    async () => {
      const page = await openPage();
      await page.goto('/');
      const field = page.getByRole('searchbox', { name: 'Search drafts, records, dossiers and comments' });
      await field.fill('quyet dinh phe duyet');
      await field.press('Enter');
      await page.waitForURL(/\/search\?q=quyet/);
      const results = page.getByTestId('search-results');
      // The draft and its two frozen versions (records with the same title) come first, the decoy not at all.
      const first = results.locator('.search-result[data-type="draft"]');
      await first.waitFor({ timeout: eventuallyMs });
      expect(await first.locator('.search-result__title').textContent()).toBe(draftTitle);
      const top = await results.locator('.search-result').evaluateAll((items) => items.slice(0, 3).map((li) => `${li.getAttribute('data-type')}:${li.querySelector('.search-result__title')?.textContent}`));
      expect(top.sort()).toEqual([`draft:${draftTitle}`, `record:${draftTitle}`, `record:${draftTitle}`]);
      // Highlights are real <mark> elements over the accented words, the rest plain text.
      const marks = await first.locator('.search-result__title mark').allTextContents();
      expect(marks.join(' ')).toContain('Quyết định');
      expect(await results.locator('.search-result', { hasText: 'Báo cáo tình hình' }).count()).toBe(0);
      expect(await checkA11y(page, 'search results')).toEqual([]);
      await screenshot(page, 'search-results.png');

      // Keyboard: the result is a link, Enter opens the draft.
      await first.locator('a').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/documents/${documentId}`);
      await page.context().close();
    },
    browserTestMs,
  );

  it(
    'opens a dossier from the annual list through the dialog',
    async () => {
      const page = await openPage();
      await page.goto('/dossiers');
      await page.getByRole('button', { name: 'Open a dossier' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open a dossier' });
      await dialog.getByLabel('Year', { exact: true }).fill('2026');
      await dialog.getByRole('radio', { name: 'HS-08 · Hồ sơ báo cáo quý' }).check({ timeout: eventuallyMs });
      expect(await checkA11y(page, 'open a dossier dialog')).toEqual([]);
      await dialog.getByRole('button', { name: 'Open the dossier' }).click();
      await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Hồ sơ báo cáo quý', level: 1 }).waitFor();
      expect(await page.getByTestId('dossier-metadata').textContent()).toMatch(/\.2026\.HS-08[\s\S]*10 years/);
      await page.context().close();
    },
    browserTestMs,
  );

  it(
    'lists the dossier, and its page shows metadata, the filed record and a clerk’s actions (desktop and 768 px)',
    async () => {
      const page = await openPage();
      await page.goto('/dossiers');
      const row = page.getByTestId('dossiers').locator('tr', { hasText: 'Hồ sơ kế hoạch đầu tư công 2026' });
      await row.waitFor({ timeout: eventuallyMs });
      expect(await row.textContent()).toContain('Open');
      // The state filter narrows the list (kept in the address).
      await page.getByLabel('State').selectOption('closed');
      await page.waitForURL(/state=closed/);
      await page.getByText('No dossier matches.').waitFor();
      await page.getByLabel('State').selectOption('');
      await row.waitFor();
      // The header holds everything at desktop width too: the person's name is not squeezed away.
      expect(await page.locator('.account__name').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(40);
      expect(await checkA11y(page, 'dossiers list')).toEqual([]);
      await screenshot(page, 'dossiers-list.png');

      await row.getByRole('link').click();
      await page.waitForURL(`**/dossiers/${dossierId}`);
      const records = page.getByTestId('dossier-records');
      const record = records.locator(`tr[data-seq="${versionSeq}"]`);
      await record.waitFor({ timeout: eventuallyMs });
      expect(await record.textContent()).toContain(draftTitle);
      expect(await record.getByRole('link', { name: 'Open the draft' }).getAttribute('href')).toBe(`/documents/${documentId}`);
      expect(await record.getByRole('link', { name: `Download record ${versionSeq}` }).getAttribute('href')).toBe(`/api/records/${versionSeq}/bundle`);
      const metadata = await page.getByTestId('dossier-metadata').textContent();
      expect(metadata).toMatch(/\.2026\.HS-07/);
      expect(metadata).toContain('Permanent');
      expect(metadata).toContain('Sử dụng trong cơ quan');
      // Filing by ledger number from the page adds the record to the list.
      await page.getByLabel('Record number in the ledger').fill(String(secondSeq));
      await page.getByRole('button', { name: 'File', exact: true }).click();
      await records.locator(`tr[data-seq="${secondSeq}"]`).waitFor({ timeout: eventuallyMs });
      // An open dossier: a clerk may file and close; handover and the package come after closing.
      await page.getByRole('button', { name: 'Close the dossier' }).waitFor();
      expect(await page.getByRole('button', { name: 'Hand over to the archive' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Download the handover package' }).count()).toBe(0);
      expect(await checkA11y(page, 'dossier page')).toEqual([]);
      await screenshot(page, 'dossier-page.png');

      // Closing through the confirmation shows handover and the package, no more filing.
      await page.getByRole('button', { name: 'Close the dossier' }).click();
      await page.getByRole('dialog', { name: 'Close the dossier' }).getByRole('button', { name: 'Close the dossier' }).click();
      await page.getByRole('button', { name: 'Hand over to the archive' }).waitFor({ timeout: eventuallyMs });
      expect(await page.getByRole('link', { name: 'Download the handover package' }).getAttribute('href')).toBe(`/api/dossiers/${dossierId}/package`);
      expect(await page.getByRole('button', { name: 'File', exact: true }).count()).toBe(0);
      expect(await page.getByTestId('dossier-metadata').textContent()).toContain('Closed');

      // Tablet width: one column, nothing wider than the screen; the header's search opens from its button.
      await page.setViewportSize({ width: 768, height: 1024 });
      await record.waitFor();

      expect(await page.evaluate(() => document.documentElement.scrollWidth <= 768)).toBe(true);
      // The header still holds everything: the person's name is not squeezed away.
      expect(await page.locator('.account__name').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(40);
      await screenshot(page, 'dossier-page-768.png');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const field = page.getByRole('searchbox', { name: 'Search drafts, records, dossiers and comments' });
      await expect.poll(() => field.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(100);
      await field.fill('ho so ke hoach');
      await field.press('Enter');
      await page.getByTestId('search-results').locator('.search-result[data-type="dossier"]').first().waitFor({ timeout: eventuallyMs });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= 768)).toBe(true);
      expect(await checkA11y(page, 'search results 768')).toEqual([]);
      await screenshot(page, 'search-results-768.png');
      expect(problems).toEqual([]);
      await page.context().close();
    },
    browserTestMs,
  );

  it(
    'the annual list: a clerk adds a planned dossier and saves; an item already opened cannot be removed',
    async () => {
      const department = clerk.departmentIds[0]!;
      const year = 2031;
      // One item already opened as a dossier (through the API, as the dossiers page does).
      expect((await call(server, 'PUT', `/api/departments/${department}/dossier-plan?year=${year}`, { cookie: clerk.cookie, body: { items: [{ notation: 'HS-01', title: 'Hồ sơ tổng kết năm', retention: '20' }] } })).status).toBe(200);
      const planned = (await call(server, 'GET', `/api/departments/${department}/dossier-plan?year=${year}`, { cookie: clerk.cookie })).body.items[0];
      expect((await call(server, 'POST', '/api/dossiers', { cookie: clerk.cookie, body: { department, year, planItemId: planned.id } })).status).toBe(201);

      const page = await openPage();
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto('/dossiers');
      await page.getByRole('link', { name: 'Annual list' }).click();
      await page.waitForURL(/\/dossiers\/plan/);
      await page.goto(`/dossiers/plan?department=${department}&year=${year}`);
      const opened = page.locator('.plan-table tr[data-notation="HS-01"]');
      await opened.waitFor({ timeout: eventuallyMs });
      expect(await opened.getByRole('button', { name: 'Remove' }).count()).toBe(0);
      expect(await opened.getByRole('link', { name: 'Opened' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Add a dossier to the list' }).click();
      await page.getByLabel('Notation 2').fill('HS-02');
      await page.getByLabel('Title 2').fill('Hồ sơ tiếp công dân');
      await page.getByLabel('Retention 2').fill('permanent');
      await page.getByRole('button', { name: 'Save the list' }).click();
      await expect
        .poll(async () => (await call(server, 'GET', `/api/departments/${department}/dossier-plan?year=${year}`, { cookie: clerk.cookie })).body.items.map((i: { notation: string; retention: string }) => `${i.notation}:${i.retention}`))
        .toEqual(['HS-01:20', 'HS-02:permanent']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= 768)).toBe(true);
      expect(await checkA11y(page, 'annual list 768')).toEqual([]);
      await screenshot(page, 'dossier-plan-768.png');
      expect(problems).toEqual([]);
      await page.context().close();
    },
    browserTestMs,
  );

  it(
    'the audit trail: an administrator filters it and downloads what is shown; a clerk sees the records part; others are refused',
    async () => {
      const db = server.database.db;
      const admin = await makeUser(db, { isAdmin: true, name: 'Quản trị Hệ thống' });
      const staff = await makeUser(db, { name: 'Nhân viên Bình' });
      // Events of this test's own: a failed sign-in (denied/failure) and a dossier opened.
      expect((await call(server, 'POST', '/api/auth/login', { body: { email: staff.email, password: 'not the password' } })).status).toBe(401);
      expect((await call(server, 'POST', '/api/dossiers', { cookie: clerk.cookie, body: { department: clerk.departmentIds[0], year: 2026, notation: `NK-${Date.now()}`, title: 'Hồ sơ nhật ký', retention: '10' } })).status).toBe(201);
      const visit = async (user: TestUser) => {
        const context = await newContext(browser, server.url, { cookie: user.cookie, viewport: { width: 768, height: 1024 }, hasTouch: true });
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto('/audit');
        return page;
      };
      const actions = (page: Page) => page.locator('.audit-table tbody tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')!));

      const page = await visit(admin);
      await page.locator('.audit-table tr[data-action="auth.sign_in"]').first().waitFor({ timeout: eventuallyMs });
      expect(await actions(page)).toEqual(expect.arrayContaining(['auth.sign_in', 'dossier.create']));
      await page.getByLabel('Action starts with').fill('dossier.');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect.poll(async () => (await actions(page)).every((a) => a.startsWith('dossier.'))).toBe(true);
      expect((await actions(page)).length).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe('/api/audit.csv?action=dossier.');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= 768)).toBe(true);
      expect(await checkA11y(page, 'audit trail 768')).toEqual([]);
      await screenshot(page, 'audit-trail-768.png');
      await page.context().close();

      // The clerk: records, dossiers, issuance and registers only; reached from the dossiers page.
      const clerkPage = await visit(clerk);
      await clerkPage.goto('/dossiers');
      await clerkPage.getByRole('link', { name: 'Audit trail' }).click();
      await clerkPage.locator('.audit-table tr[data-action="dossier.create"]').first().waitFor({ timeout: eventuallyMs });
      expect((await actions(clerkPage)).filter((a) => a.startsWith('auth.'))).toEqual([]);
      await clerkPage.context().close();

      // Anyone else: told they may not, and no event is shown.
      const staffPage = await visit(staff);
      await staffPage.getByRole('alert').waitFor();
      expect(await staffPage.locator('.audit-table').count()).toBe(0);
      await staffPage.context().close();
      expect(problems).toEqual([]);
    },
    browserTestMs,
  );
});

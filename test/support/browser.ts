/**
 * Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser), one fresh profile per context. Also builds the client once if stale (with
 * a lock, since test files run in parallel), signs people in by cookie, and reads the editor.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ensureClientBuilt } from '../../client/tools/ensure-build';
import { sessionCookieName } from '../../server/accounts/sessions';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifactsDir = path.join(root, 'test/artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Build dist/client if it is missing or stale; one test file builds, the others wait. The lock
 * holds the builder's pid: a waiter takes over a lock whose owner died (a crashed file) at once,
 * and gives up well inside the browser files' 180 s beforeAll budget with a message saying why,
 * instead of timing out the hook at the same moment.
 */
export async function buildClientOnce(waitMs = 120_000) {
  const lock = path.join(root, 'dist/.client-build-lock');
  await mkdir(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      // No pid yet is normal for a moment (between mkdir and writeFile); for seconds it means a crash.
      if ((owner && !processAlive(owner)) || (!owner && age > 5_000)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another test file (pid ${owner}) has been building the client for over ${waitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    ensureClientBuilt({ quiet: true });
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, timeout: 30_000 });

export interface ContextOptions extends BrowserContextOptions {
  /** A `codraft_session=…` cookie (from test/support/factories.ts) to start signed in. */
  cookie?: string;
}

/** A fresh browser profile (cookies, storage, IndexedDB, service workers of its own). */
export async function newContext(browser: Browser, baseURL: string, options: ContextOptions = {}): Promise<BrowserContext> {
  const { cookie, ...rest } = options;
  const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 }, ...rest });
  context.setDefaultTimeout(20_000);
  if (cookie) {
    const value = cookie.slice(cookie.indexOf('=') + 1);
    await context.addCookies([{ name: sessionCookieName, value, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context;
}

/** The editable area of the open document. */
export const editor = (page: Page) => page.locator('.document-content');

/** Open a document and wait until it is synced with the server. */
export async function openDocument(page: Page, documentId: string) {
  await page.goto(`/documents/${documentId}`);
  await waitForConnection(page, 'connected');
}

export const waitForConnection = (page: Page, state: 'connected' | 'offline' | 'reconnecting') =>
  page.locator(`.connection[data-state="${state}"]`).waitFor();

/** Wait until the server has confirmed all of this page's edits. */
export const waitForAllSynced = (page: Page) => page.locator('.connection[data-state="connected"][data-unsynced="0"]').waitFor();

/** The document's text as the person sees it, without other people's caret labels. */
export const documentText = (page: Page) =>
  editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak').forEach((n) => n.remove());
    return copy.innerText.replace(/\u00a0/g, ' ').trim();
  });

/** The document's structure (HTML without carets), to compare two people's views exactly. */
export const documentHtml = (page: Page) =>
  editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak').forEach((n) => n.remove());
    copy.querySelectorAll('.ProseMirror-selectednode, .selectedCell').forEach((n) => n.classList.remove('ProseMirror-selectednode', 'selectedCell'));
    return copy.innerHTML;
  });

/** Wait until the document shows `text` (live updates arrive asynchronously); caret labels are ignored. */
export const waitForText = (page: Page, text: string, timeout = 15_000) =>
  page.waitForFunction(
    (expected) => {
      const element = document.querySelector('.document-content');
      if (!element) return false;
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((n) => n.remove());
      return (copy.textContent ?? '').replace(/\u00a0/g, ' ').includes(expected);
    },
    text,
    { timeout },
  );

export async function screenshot(page: Page, name: string) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file });
  return file;
}

/** Width and height of a PNG file (from its IHDR chunk); throws if the file is not a PNG. */
export async function pngSize(file: string) {
  const bytes = await readFile(file);
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRoutes } from './static';

describe('static client serving', () => {
  let root: string;
  let dir: string;
  let app: ReturnType<typeof clientRoutes>;
  beforeAll(async () => {
    // The public folder sits beside a file that must never be served.
    root = await mkdtemp(path.join(tmpdir(), 'codraft-static-'));
    dir = path.join(root, 'public');
    await mkdir(dir);
    await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Codraft</title>');
    await writeFile(path.join(dir, 'sw.js'), 'self.x = 1;');
    await writeFile(path.join(dir, 'assets/app-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'assets/app-abc123.js.gz'), gzipSync('console.log(1)'));
    app = clientRoutes(dir);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves hashed assets for a year, precompressed when accepted', async () => {
    const res = await app.request('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('revalidates index.html and the service worker on every load', async () => {
    for (const url of ['/', '/index.html', '/sw.js']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
    }
  });

  it('answers client routes with index.html, but not API, websocket or missing files', async () => {
    const page = await app.request('/documents/0b7c1f7e-6a43-4a57-a3f4-2f0e8f1f9c11');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Codraft</title>');
    for (const url of ['/api/nothing', '/collab/x', '/health', '/assets/old-build.js', '/.well-known/x']) {
      expect((await app.request(url)).status, url).toBe(404);
    }
  });

  it('refuses path traversal: nothing outside the public folder is served', async () => {
    const index = await (await app.request('/index.html')).text();
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/%252e%252e%252fsecret.txt',
    ];
    for (const url of attempts) {
      const res = await app.request(url);
      const body = await res.text();
      expect(body, url).not.toContain('TOP SECRET');
      // Either refused, or the app shell's own fallback — never another file.
      if (res.status === 200) expect(body, url).toBe(index);
      else expect([400, 403, 404], url).toContain(res.status);
    }
  });
});

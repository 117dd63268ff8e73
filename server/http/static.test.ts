import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRoutes } from './static';

describe('static client serving', () => {
  let dir: string;
  let app: ReturnType<typeof clientRoutes>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'codraft-static-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Codraft</title>');
    await writeFile(path.join(dir, 'sw.js'), 'self.x = 1;');
    await writeFile(path.join(dir, 'assets/app-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'assets/app-abc123.js.gz'), gzipSync('console.log(1)'));
    app = clientRoutes(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

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

  it('refuses path traversal', async () => {
    const res = await app.request('/assets/..%2f..%2fetc/passwd');
    expect(await res.text()).not.toContain('root:');
  });
});

/**
 * A Codraft app for record tests: fresh database (Postgres per file with DATABASE_URL, else
 * in-memory PGlite), in-memory keys, and the real collaboration service (no sockets needed:
 * content is written with `setContent`, a server-side edit). Requests go to `app.request`.
 */
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { CollabService } from '../../server/collab/service';
import { createLogger } from '../../server/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createCollabService } from '../../server/collab';
import { Metrics } from '../../server/metrics';
import { setContent } from './content';

export interface RecordsTestApp {
  testDb: TestDatabase;
  collab: CollabService;
  /** Replace a draft's content (one server-side edit through the real collab service). */
  setContent(documentId: string, json: Record<string, unknown>): Promise<void>;
  request(path: string, init?: { method?: string; cookie?: string; body?: unknown }): Promise<Response>;
  /** JSON of a request that must answer `status`. */
  json<T = any>(path: string, init?: { method?: string; cookie?: string; body?: unknown }, status?: number): Promise<T>;
  close(): Promise<void>;
}

export async function recordsTestApp(): Promise<RecordsTestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: 'memory://' });
  const log = createLogger(config.LOG_LEVEL);
  const metrics = new Metrics();
  const collab = createCollabService({ db: testDb.handle.db, config, log, metrics });
  const app = createApp({ db: testDb.handle.db, config, log, collab, metrics });
  const request: RecordsTestApp['request'] = async (path, init = {}) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    testDb,
    collab,
    setContent: (documentId, json) => setContent(collab, documentId, json),
    request,
    async json(path, init, status = 200) {
      const res = await request(path, init);
      const text = await res.text();
      if (res.status !== status) throw new Error(`${init?.method ?? 'GET'} ${path}: expected ${status}, got ${res.status}: ${text}`);
      return JSON.parse(text);
    },
    close: async () => {
      await collab.shutdown();
      await testDb.drop();
    },
  };
}

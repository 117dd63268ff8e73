/**
 * A Codraft app for record tests: fresh database (Postgres per file with DATABASE_URL, else
 * in-memory PGlite), in-memory keys, and by default the in-memory collab (memory-collab.ts).
 * Requests go straight to `app.request`, no network.
 */
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { CollabService } from '../../server/collab/service';
import { createLogger } from '../../server/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { memoryCollab, type MemoryCollab } from './memory-collab';

export interface RecordsTestApp<C extends CollabService = MemoryCollab> {
  testDb: TestDatabase;
  collab: C;
  request(path: string, init?: { method?: string; cookie?: string; body?: unknown }): Promise<Response>;
  /** JSON of a request that must answer `status`. */
  json<T = any>(path: string, init?: { method?: string; cookie?: string; body?: unknown }, status?: number): Promise<T>;
  close(): Promise<void>;
}

export async function recordsTestApp(): Promise<RecordsTestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: 'memory://' });
  const collab = memoryCollab();
  const app = createApp({ db: testDb.handle.db, config, log: createLogger(config.LOG_LEVEL), collab });
  const request: RecordsTestApp['request'] = async (path, init = {}) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    testDb,
    collab,
    request,
    async json(path, init, status = 200) {
      const res = await request(path, init);
      const text = await res.text();
      if (res.status !== status) throw new Error(`${init?.method ?? 'GET'} ${path}: expected ${status}, got ${res.status}: ${text}`);
      return JSON.parse(text);
    },
    close: () => testDb.drop(),
  };
}

/**
 * An in-process Codraft server on a random loopback port with its own fresh database.
 * For tests that must restart or kill the server, see `spawnServer` in ./process.ts.
 */
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestServer extends RunningServer {
  config: Config;
  testDb: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: testDb.url,
    DATA_DIR: 'memory://',
    ROOM_IDLE_MS: '200',
    ...env,
  });
  const server = await startServer(config, createLogger(config.LOG_LEVEL), { database: testDb.handle });
  return {
    ...server,
    config,
    testDb,
    stop: async () => {
      await server.close();
      await testDb.drop();
    },
  };
}

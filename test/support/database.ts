/**
 * A database of its own for each test file, so files run in parallel:
 * with DATABASE_URL, a fresh database created on that server (dropped afterwards);
 * without, an in-memory embedded PGlite. Migrations are applied either way.
 *
 * Names are `<prefix>_<run>_<random>`: `<run>` is this vitest run's id (CODRAFT_TEST_RUN, set by
 * test/support/global-setup.ts, which drops every database of its run at teardown, so a file that
 * crashes before its afterAll leaves nothing behind), else the creation time in base 36 (bench,
 * ad-hoc scripts); `.ci/run` drops stale ones by that time (see dropStaleTestDatabases).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Set when running on a real Postgres server: the URL of this file's own database. */
  url?: string;
  drop(): Promise<void>;
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

/** The part of a test database's name that says which run made it (and when: base-36 seconds first). */
export const runTag = () => process.env.CODRAFT_TEST_RUN ?? Math.floor(Date.now() / 1000).toString(36);

/** Create an empty database on the server at DATABASE_URL and return its URL. */
export async function createPostgresDatabase(prefix = 'codraft_t') {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `${prefix}_${runTag()}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const admin2 = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin2.unsafe(`drop database if exists "${name}" with (force)`);
    await admin2.end();
  };
  return { url: url.toString(), name, drop };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (usingPostgres()) {
    const created = await createPostgresDatabase();
    const handle = await openDatabase({ databaseUrl: created.url, dataDir: 'unused' });
    await runMigrations(handle, created.url);
    return {
      handle,
      url: created.url,
      drop: async () => {
        await handle.close();
        await created.drop();
      },
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await runMigrations(handle);
  return { handle, drop: () => handle.close() };
}

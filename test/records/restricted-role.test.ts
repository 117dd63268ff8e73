/**
 * docs/records.md, "restricted database role" (Postgres only): the real server runs with
 * MIGRATE_ON_START=false under a role that does not own the tables and holds only SELECT and
 * INSERT on the ledger tables. It still freezes versions; that role cannot rewrite the ledger
 * or switch its triggers off. Grants are derived from the live schema (ledger tables: SELECT,
 * INSERT; the others: SELECT, INSERT, UPDATE, DELETE), so new tables do not break this test.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { createPostgresDatabase, usingPostgres } from '../support/database';
import { makeDocument, makeUser, type TestUser } from '../support/factories';
import { spawnServer, type ServerProcess } from '../support/process';

const ledgerTable = /^(ledger_|record_)|^(signing_keys|document_versions)$/;

describe.runIf(usingPostgres())('the server under a restricted database role', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let owner: DatabaseHandle;
  let app: postgres.Sql;
  let server: ServerProcess | undefined;
  let alice: TestUser;
  let documentId: string;
  const role = `codraft_app_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  beforeAll(async () => {
    database = await createPostgresDatabase();
    owner = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', maxConnections: 2 });
    await runMigrations(owner, database.url); // as the owner, the way the docs say
    alice = await makeUser(owner.db);
    documentId = (await makeDocument(owner.db, alice)).id;

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`create role "${role}" login password '${password}'`);
      await sql.unsafe(`grant usage on schema public to "${role}"`);
      for (const { tablename } of await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`) {
        const rights = ledgerTable.test(tablename) ? 'select, insert' : 'select, insert, update, delete';
        await sql.unsafe(`grant ${rights} on "${tablename}" to "${role}"`);
      }
      await sql.unsafe(`grant usage, select on all sequences in schema public to "${role}"`);
    } finally {
      await sql.end();
    }
    const appUrl = new URL(database.url);
    appUrl.username = role;
    appUrl.password = password;
    app = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
    server = await spawnServer({ env: { DATABASE_URL: appUrl.toString(), MIGRATE_ON_START: 'false' } });
  });

  afterAll(async () => {
    await server?.stop();
    await app?.end();
    await owner?.close();
    await database?.drop();
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop role if exists "${role}"`).finally(() => admin.end());
  });

  it('freezes a version, while that role can neither rewrite the ledger nor switch its triggers off', async () => {
    const res = await fetch(`${server!.url}/api/documents/${documentId}/versions`, {
      method: 'POST',
      headers: { cookie: alice.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Under a restricted role' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await app`select count(*)::int as n from ledger_entries`)[0]!.n).toBe(1);

    await expect(app`update ledger_entries set jws = jws`).rejects.toThrow(/permission denied/);
    await expect(app`delete from signing_keys`).rejects.toThrow(/permission denied/);
    await expect(app.unsafe('alter table ledger_entries disable trigger all')).rejects.toThrow(/must be owner/);
  });
});

/**
 * Vitest global setup: gives this run an id (CODRAFT_TEST_RUN, part of every test database's name,
 * see ./database.ts) and at teardown drops every database this run created on DATABASE_URL's
 * server, also those of a test file that crashed before its own afterAll. Databases of other runs
 * (another engineer's, running right now) are never touched here; `.ci/run` sweeps stale ones.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export function setup() {
  // Seconds since the epoch in base 36 first, so a sweeper can tell a name's age.
  process.env.CODRAFT_TEST_RUN ??= `${Math.floor(Date.now() / 1000).toString(36)}${randomBytes(2).toString('hex')}`;

}

export async function teardown() {
  const url = process.env.DATABASE_URL;
  const run = process.env.CODRAFT_TEST_RUN;
  if (!url || !run) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`%\\_${run}\\_%`}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    if (rows.length) console.warn(`global teardown: dropped ${rows.length} test database(s) left by this run: ${rows.map((r) => r.datname).join(', ')}`);
  } finally {
    await admin.end();
  }
}

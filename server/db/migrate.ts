/** Applies the drizzle-kit migrations in ./migrations (the same files for Postgres and PGlite). */
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function runMigrations(handle: DatabaseHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === 'embedded') {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // One dedicated connection holding an advisory lock, so instances starting together don't race.
  const client = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

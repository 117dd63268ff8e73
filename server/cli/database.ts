/**
 * Opens the configured database for one CLI command, migrated and closed afterwards.
 * With the embedded database this takes the data-dir lock, so a running server makes the
 * command stop with DatabaseInUseError (reported by main.ts) instead of corrupting files.
 */
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';

export async function withDatabase<T>(work: (db: Database, where: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, maxConnections: 2 });
  const where = handle.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'Postgres (DATABASE_URL)';
  try {
    await runMigrations(handle, config.DATABASE_URL);
    return await work(handle.db, where);
  } finally {
    await handle.close();
  }
}

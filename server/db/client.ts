/**
 * Opens the database: a real Postgres through postgres.js when DATABASE_URL is set,
 * otherwise an embedded PGlite whose files live under DATA_DIR/pglite.
 * Both are driven through the same drizzle schema and queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Every query function takes this, so it runs alone or inside a caller's transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'embedded';
  /** LISTEN on a channel (payloads of NOTIFYs committed by any connection); resolves to an unlisten. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const listenPglite = (client: PGlite) => async (channel: string, onPayload: (payload: string) => void) => {
  const unlisten = await client.listen(channel, onPayload);
  return async () => unlisten();
};

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
}

/** Search (issue 11) needs unaccent and pg_trgm; a Postgres server ships them as contrib modules. */
const pgliteExtensions = { unaccent, pg_trgm };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'codraft' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    const listen = async (channel: string, onPayload: (payload: string) => void) => {
      const { unlisten } = await client.listen(channel, (payload) => onPayload(payload));
      return async () => {
        await unlisten();
      };
    };
    return { db, kind: 'postgres', listen, close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir === 'memory://') {
    const client = await PGlite.create({ extensions: pgliteExtensions });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return { db, kind: 'embedded', listen: listenPglite(client), close: () => client.close() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(options.dataDir);
  try {
    const client = await PGlite.create(path.join(options.dataDir, 'pglite'), { extensions: pgliteExtensions });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      db,
      kind: 'embedded',
      listen: listenPglite(client),
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

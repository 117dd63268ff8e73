/**
 * Resident memory of the embedded database (PGlite) with its defaults and with smaller Postgres
 * memory settings: opens a fresh data directory, migrates, runs a little work, prints RSS.
 * (initialMemory cannot go below the module's 128 MiB minimum: PGlite refuses to start.)
 *   node --import tsx bench/pglite-memory.ts [defaults]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/** Candidate settings tried against PGlite's defaults (see docs/benchmarks.md for the outcome). */
const smaller = {
  startParams: [
    '--single', '-F', '-O', '-j',
    '-c', 'search_path=public', '-c', 'exit_on_error=false', '-c', 'log_checkpoints=false',
    '-c', 'max_worker_processes=0', '-c', 'max_parallel_workers=0', '-c', 'max_parallel_workers_per_gather=0',
    '-c', 'io_method=sync', '-c', 'max_parallel_maintenance_workers=0',
    '-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB', '-c', 'work_mem=4MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=2MB',
  ],
};
import { migrationsFolder } from '../server/db/migrate';

const defaults = process.argv.includes('defaults');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codraft-pglite-mem-'));
const mb = () => (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
const before = mb();
const client = await PGlite.create(path.join(dir, 'pglite'), { ...(defaults ? {} : smaller), extensions: { unaccent, pg_trgm } });
await migrate(drizzle(client), { migrationsFolder });
await client.exec(`create table t(x text); insert into t select repeat('x', 200) from generate_series(1, 20000); select count(*) from t;`);
global.gc?.();
console.log(`${defaults ? 'defaults' : 'shared_buffers=16MB & co'}: RSS ${mb()} MB after migrate + 4 MB of rows (process before: ${before} MB)`);
await client.close();
fs.rmSync(dir, { recursive: true, force: true });

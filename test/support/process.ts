/**
 * The real server (`server/main.ts`) as a child process, for tests that stop it gracefully
 * (SIGTERM) or kill it (SIGKILL) and start it again on the same port and database.
 *
 * The database is prepared by the test first: a fresh Postgres database when DATABASE_URL is
 * set, else an embedded one. Either way the server gets a temporary DATA_DIR of its own (signing
 * keys, checkpoints), removed by `drop()`: tests never write into the repository. An embedded
 * database belongs to one process at a time (lock file), so tests seed and inspect it only while
 * no server runs on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseHandle } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { createPostgresDatabase, usingPostgres } from './database';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerDatabase {
  kind: 'postgres' | 'embedded';
  /** What the server process needs to use this database. */
  env: Record<string, string>;
  /** Open (and migrate) it from the test process. Embedded: only while no server runs on it. */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/** A fresh temporary directory for a server's DATA_DIR. */
export const tempDataDir = (label = 'process') => fs.mkdtempSync(path.join(os.tmpdir(), `codraft-${label}-`));

export async function createServerDatabase(): Promise<ServerDatabase> {
  const dataDir = tempDataDir();
  if (usingPostgres()) {
    const created = await createPostgresDatabase();
    return {
      kind: 'postgres',
      env: { DATABASE_URL: created.url, DATA_DIR: dataDir },
      open: async () => {
        const handle = await openDatabase({ databaseUrl: created.url, dataDir: 'unused', maxConnections: 2 });
        await runMigrations(handle, created.url);
        return handle;
      },
      drop: async () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        await created.drop();
      },
    };
  }
  return {
    kind: 'embedded',
    env: { DATA_DIR: dataDir },
    open: async () => {
      const handle = await openDatabase({ dataDir });
      await runMigrations(handle);
      return handle;
    },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A TCP port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send the signal and wait for the exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process printed (for failure messages). */
  output(): string;
}

/**
 * Start `server/main.ts` on 127.0.0.1:`port` and wait until `/ready` answers. Without a DATA_DIR
 * in `env` the process gets a temporary one, removed when it exits. Node runs it with
 * tsx as a loader (`node --import tsx`), not through the `tsx` wrapper, so that SIGKILL reaches
 * the server itself rather than a wrapper that would leave it running.
 */
export async function spawnServer(options: { env: Record<string, string>; port?: number; readyTimeoutMs?: number }): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  if (!options.env.DATABASE_URL) delete env.DATABASE_URL;
  // CI exports REDIS_URL for the tests that want several instances; others get one process.
  if (!options.env.REDIS_URL) delete env.REDIS_URL;
  const ownDataDir = options.env.DATA_DIR ? null : tempDataDir();
  if (ownDataDir) env.DATA_DIR = ownDataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`server did not become ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, child, exited, stop, output: () => output };
}

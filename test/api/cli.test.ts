/**
 * The real CLI as a child process: `bin/codraft.mjs` (the package bin) against a fresh embedded
 * data directory, then a server on that directory lets the new user sign in; while the server
 * holds the directory, the CLI refuses with the "in use" message. With DATABASE_URL set, the
 * same flow also runs through `tsx server/cli/main.ts` (what `npm run codraft` runs) on Postgres.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { createPostgresDatabase, usingPostgres } from '../support/database';
import { call } from './http';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/codraft.mjs');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command with only the environment given (plus PATH), from a directory outside the repo. */
function run(command: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const codraft = (args: string[], env: Record<string, string>) => run(process.execPath, [bin, ...args], env);

async function startOn(env: Record<string, string>): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, createLogger('silent'));
  cleanups.push(() => server.close());
  return server;
}

const userArgs = ['user', 'add', '--email', 'clerk@example.org', '--name', 'Clerk', '--password', 'clerk password', '--department', 'finance', '--admin'];

describe('codraft CLI', () => {
  it('prints help, and refuses bad usage with exit code 2', { timeout: 60_000 }, async () => {
    const help = await codraft(['help'], {});
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('department add')]);
    const unknown = await codraft(['frobnicate'], {});
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('Unknown command')]);
    const badOption = await codraft(['department', 'add', '--nmae', 'X'], {});
    expect([badOption.code, badOption.stderr]).toEqual([2, expect.stringContaining('--nmae')]);
    const shortPassword = await codraft(['user', 'add', '--email', 'a@example.org', '--name', 'A', '--password', 'short', '--department', 'X'], {});
    expect([shortPassword.code, shortPassword.stderr]).toEqual([2, expect.stringContaining('--password: must be at least 8 characters')]);
  });

  it('sets up an embedded database that a server then serves; refuses to open it while the server runs', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codraft-cli-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir };

    const migrated = await codraft(['migrate'], env);
    expect([migrated.code, migrated.stdout]).toEqual([0, expect.stringContaining('Migrations applied')]);
    const noDept = await codraft(userArgs, env);
    expect([noDept.code, noDept.stderr]).toEqual([1, expect.stringContaining('No department named "finance"')]);
    expect((await codraft(['department', 'add', '--name', 'Finance'], env)).code).toBe(0);
    const duplicate = await codraft(['department', 'add', '--name', 'FINANCE'], env);
    expect([duplicate.code, duplicate.stderr]).toEqual([1, expect.stringContaining('already exists')]);
    const added = await codraft(userArgs, env);
    expect([added.code, added.stdout]).toEqual([0, expect.stringContaining('Added administrator Clerk <clerk@example.org>')]);

    const server = await startOn(env);
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: 'clerk@example.org', password: 'clerk password' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ name: 'Clerk', isAdmin: true, departments: [{ name: 'Finance' }] });

    const busy = await codraft(['department', 'add', '--name', 'Legal'], env);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
    expect(busy.stderr).not.toMatch(/\bat \S+:\d+/); // a message, not a stack trace

    await server.close();
    expect((await codraft(['department', 'add', '--name', 'Legal'], env)).code).toBe(0);
  });

  it.runIf(usingPostgres())('works on Postgres through `tsx server/cli/main.ts` (npm run codraft), server running or not', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase('codraft_cli');
    cleanups.push(() => database.drop());
    // A DATA_DIR of its own: the default (./data) would put the signing key into the repository.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codraft-cli-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
    const npmRun = (args: string[]) => run(tsx, [path.join(root, 'server/cli/main.ts'), ...args], env);

    expect((await npmRun(['migrate'])).stdout).toContain('Postgres');
    const server = await startOn(env);
    expect((await npmRun(['department', 'add', '--name', 'Finance'])).code).toBe(0);
    expect((await npmRun(userArgs)).code).toBe(0);
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: 'clerk@example.org', password: 'clerk password' } });
    expect([login.status, login.body.user?.departments]).toEqual([200, [expect.objectContaining({ name: 'Finance' })]]);
  });
});

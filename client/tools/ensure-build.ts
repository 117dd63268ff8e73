/**
 * Builds the web client when `dist/client` is missing or older than its sources. Run before
 * `npm start` (prestart) so a fresh clone just works, and by the browser tests' global setup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtMarker = path.join(root, 'dist/client/index.html');
/** Everything the client bundle is made from. */
const sources = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry: string): number {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return /\.test\.ts$/.test(entry) ? 0 : stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stats.mtimeMs);
}

/** Why a build is needed, or null when dist/client is up to date. */
export function staleReason(): string | null {
  if (!existsSync(builtMarker)) return 'dist/client is missing';
  const built = statSync(builtMarker).mtimeMs;
  const changed = sources.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

export function ensureClientBuilt(options: { quiet?: boolean } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  console.log(`Building the web client (${reason})…`);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  // A production build whatever the caller's NODE_ENV (vitest sets `test`, which Vite would honour).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, env, stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    if (options.quiet) console.error(result.stdout, result.stderr);
    throw new Error(`vite build failed (exit ${result.status})`);
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    ensureClientBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

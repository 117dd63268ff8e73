/**
 * Compiles the server for `npm start`: server/main.ts → dist/server/main.js (ESM, Node 20), so the
 * running server needs no TypeScript loader. esbuild bundles our own code only (packages stay in
 * node_modules) and splits at dynamic imports, so modules loaded on first use stay out of the
 * startup path. The output sits two levels below the root like the sources, so paths resolved
 * from import.meta.url (migrations/, dist/client/) stay right.
 *   tsx server/tools/build-server.ts            build
 *   tsx server/tools/build-server.ts --if-stale  build only when a source is newer than the output
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = path.join(root, 'dist/server');
const entry = path.join(root, 'server/main.ts');
const sources = ['server', 'shared', 'package-lock.json'];

function newestMtime(entryPath: string): number {
  const stats = statSync(entryPath, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return /\.test\.ts$/.test(entryPath) ? 0 : stats.mtimeMs;
  return readdirSync(entryPath).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entryPath, name))), stats.mtimeMs);
}

export function serverBuildStale(): boolean {
  const built = path.join(outdir, 'main.js');
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > at);
}

export async function buildServer(): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--if-stale') && !serverBuildStale()) process.exit(0);
  const started = performance.now();
  await buildServer();
  console.log(`server built into dist/server in ${Math.round(performance.now() - started)} ms`);
}

/**
 * `npm run dev`: the server (tsx watch, restarts on change) and Vite (hot reload) together.
 * Open http://localhost:5173 — Vite proxies /api and the /collab websocket to the server, which
 * accepts the Vite origin through ALLOWED_ORIGINS. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const serverPort = process.env.PORT ?? '8080';
const viteOrigin = 'http://localhost:5173';
const allowed = [process.env.ALLOWED_ORIGINS, viteOrigin, 'http://127.0.0.1:5173'].filter(Boolean).join(',');

const run = (name: string, command: string, args: string[], env: Record<string, string>) => {
  const child = spawn(process.execPath, [path.join(root, command), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} stopped (${signal ?? code}); stopping the rest`);
    stop(code ?? 0);
  });
  return child;
};

const children: ChildProcess[] = [
  run('server', 'node_modules/tsx/dist/cli.mjs', ['watch', '--clear-screen=false', 'server/main.ts'], { PORT: serverPort, ALLOWED_ORIGINS: allowed }),
  run('vite', 'node_modules/vite/bin/vite.js', [], { CODRAFT_SERVER_URL: `http://localhost:${serverPort}` }),
];

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
console.log(`[dev] open ${viteOrigin} (server on :${serverPort})`);

/**
 * A private redis-server for one test file (Debian's redis-server, on a free loopback port, keeping
 * nothing on disk), so tests can stop and restart it without disturbing anyone else's Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './process';
import { waitFor } from '../collab/clients';

export const redisServerAvailable = () => spawnSync('redis-server', ['--version']).status === 0;

export interface TestRedis {
  url: string;
  port: number;
  /** Kill it (the data goes with it: it keeps nothing on disk). */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
}

async function ping(port: number): Promise<boolean> {
  return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => ping(port), 10_000, `redis-server on ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

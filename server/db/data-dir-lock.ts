/**
 * The embedded database is a single process's files: a second process opening them would
 * corrupt them. A lock file holding the owner's pid keeps the CLI and the server apart.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DatabaseInUseError extends Error {}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Take the lock or throw DatabaseInUseError; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'codraft.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner} (probably a running Codraft server). ` +
            'Stop it first, or set DATABASE_URL to use a Postgres server that several processes can share.',
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock left by a crashed process
    }
  }
  throw new DatabaseInUseError(`Could not lock ${lockPath}`);
}

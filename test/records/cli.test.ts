/**
 * The CLI as operators run it (bin/codraft.mjs in a child process): `verify` over the ledger,
 * `verify bundle.json --jwks jwks.json` offline, `keys rotate` / `keys list`. The database is
 * seeded in-process first (with the embedded database the CLI needs it closed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createServerDatabase, type ServerDatabase } from '../support/process';
import { makeDocument, makeUser } from '../support/factories';
import { createCollabService } from '../../server/collab';
import { Metrics } from '../../server/metrics';
import { paragraphs, setContent } from './content';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Each CLI run starts a process through tsx (seconds on a busy 2-core machine).
// Each CLI call is a fresh Node process (tens of seconds on a loaded 2-core machine).
describe('codraft verify and keys (CLI)', { timeout: 480_000 }, () => {
  let sdb: ServerDatabase;
  let env: Record<string, string>;
  let dir: string;

  const codraft = (...args: string[]) => {
    const run = spawnSync(process.execPath, [path.join(root, 'bin/codraft.mjs'), ...args], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 240_000 });
    return { code: run.status, out: run.stdout + run.stderr };
  };

  /** Open the database and an app on it, do `work`, close (the CLI then gets the database). */
  async function withApp(work: (request: (path: string, body?: unknown, cookie?: string) => Promise<any>, db: any) => Promise<void>) {
    const handle = await sdb.open();
    try {
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
      const log = createLogger('silent');
      const metrics = new Metrics();
      const collab = createCollabService({ db: handle.db, config, log, metrics });
      const app = createApp({ db: handle.db, config, log, collab, metrics });
      const request = async (p: string, body?: unknown, cookie?: string) => {
        const res = await app.request(p, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: body ? JSON.stringify(body) : undefined });
        if (res.status >= 300) throw new Error(`${p}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      (request as any).collab = collab;
      try {
        await work(request, handle.db);
      } finally {
        await collab.shutdown();
      }
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    sdb = await createServerDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codraft-records-cli-'));
    env = { DATA_DIR: dir, ...sdb.env };
    await withApp(async (request, db) => {
      const user = await makeUser(db);
      const doc = await makeDocument(db, user);
      const collab = (request as any).collab;
      for (const label of ['one', 'two', 'three']) {
        await setContent(collab, doc.id, paragraphs(`Text of version ${label}`));
        await request(`/api/documents/${doc.id}/versions`, { label }, user.cookie);
      }
      fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(await request('/api/records/1/bundle', undefined, user.cookie)));
      fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(await request('/.well-known/jwks.json')));
    });
  });
  afterAll(async () => {
    await sdb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an exported bundle offline, and fails a hand-edited one naming the check', () => {
    const ok = codraft('verify', path.join(dir, 'bundle.json'), '--jwks', path.join(dir, 'jwks.json'));
    expect(ok.out).toContain('✓ verified');
    expect(ok.code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    bundle.content.text = bundle.content.text.replace('two', 'twa');
    fs.writeFileSync(path.join(dir, 'edited.json'), JSON.stringify(bundle));
    const bad = codraft('verify', path.join(dir, 'edited.json'), '--jwks', path.join(dir, 'jwks.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/✗ textHash/);
    expect(bad.out).toContain('FAILED: textHash');
    expect(codraft('verify', path.join(dir, 'bundle.json')).code).toBe(2);
  });

  it('verifies the whole ledger; after key rotation old and new entries verify', async () => {
    const first = codraft('verify');
    expect(first.out).toMatch(/✓ 3 entries, 3 signed tree heads, 1 key/);
    expect(first.code).toBe(0);

    const rotated = codraft('keys', 'rotate');
    expect(rotated.code).toBe(0);
    expect(fs.readdirSync(path.join(env.DATA_DIR!, 'keys'))).toHaveLength(2);
    await withApp(async (request, db) => {
      const user = await makeUser(db);
      const doc = await makeDocument(db, user);
      await request(`/api/documents/${doc.id}/versions`, { label: 'after rotation' }, user.cookie);
    });
    const list = codraft('keys', 'list');
    expect(list.out.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['active', 'retired']);
    const second = codraft('verify');
    expect(second.out).toMatch(/✓ 4 entries, 4 signed tree heads, 2 key\(s\) in the .*: signatures new since the last verified checkpoint/);
    expect(second.code).toBe(0);
    expect(codraft('verify', '--full').out).toMatch(/✓ 4 entries.*: every signature/);
  });

  it('keeps the checkpoint where --checkpoint says (only there), and private keys in files only their owner may read', () => {
    const auditor = path.join(dir, 'auditor', 'checkpoint.json');
    fs.mkdirSync(path.dirname(auditor), { recursive: true });
    const first = codraft('verify', '--checkpoint', auditor);
    expect([first.code, first.out]).toEqual([0, expect.stringMatching(/: every signature/)]);
    expect(JSON.parse(fs.readFileSync(auditor, 'utf8'))).toMatchObject({ format: 'codraft.verify-checkpoint', v: 1 });
    const second = codraft('verify', '--checkpoint', auditor);
    expect([second.code, second.out]).toEqual([0, expect.stringMatching(/signatures new since the last verified checkpoint/)]);
    // Another file knows nothing of that run: everything is checked again.
    expect(codraft('verify', '--checkpoint', path.join(dir, 'auditor', 'other.json')).out).toMatch(/: every signature/);

    const keysDir = path.join(env.DATA_DIR!, 'keys');
    const keyFiles = fs.readdirSync(keysDir).filter((f) => f.endsWith('.private.jwk.json'));
    expect(keyFiles.length).toBeGreaterThan(0);
    for (const file of keyFiles) expect((fs.statSync(path.join(keysDir, file)).mode & 0o777).toString(8), file).toBe('600');
  });

  it('fails and names the entry after tampering behind the triggers', async () => {
    // A good run first, so that entry 0 lies below its checkpoint.
    expect(codraft('verify').code).toBe(0);
    const behindTriggers = (work: (tx: any) => Promise<unknown>) =>
      withApp((_request, db) =>
        db.transaction(async (tx: any) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          await work(tx);
        }),
      );
    let saved: { text: string; jws: string } | undefined;
    await behindTriggers(async (tx) => {
      const rows = await tx.execute(sql`select (select text from record_contents where id = (select content_id from ledger_entries where seq = 2)) as text, (select jws from ledger_entries where seq = 0) as jws`);
      saved = (Array.isArray(rows) ? rows : rows.rows)[0];
      await tx.execute(sql`update record_contents set text = text || '.' where id = (select content_id from ledger_entries where seq = 2)`);
      // Below the checkpoint of the last good run: must still be found and named.
      await tx.execute(sql`update ledger_entries set jws = left(jws, length(jws) - 3) || (case when right(jws, 3) = 'AAA' then 'BBB' else 'AAA' end) where seq = 0`);
    });
    try {
      const run = codraft('verify');
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/✗ entry 2 \(document [0-9a-f-]+, version 3 "three"\): text-hash — stored text hashes to [0-9a-f]{64}, the signed entry says [0-9a-f]{64}/);
      expect(run.out).toMatch(/✗ entry 0 \(document [0-9a-f-]+, version 1 "one"\): signature — signature does not verify/);
      expect(run.out).toContain('FAILED: 2 problem(s) in the ledger');
      // Hashing every content byte here instead of in the database finds the same altered text.
      const local = codraft('verify', '--hash-locally', '--full');
      expect(local.code).toBe(1);
      expect(local.out).toMatch(/✗ entry 2 \(document [0-9a-f-]+, version 3 "three"\): text-hash — stored text hashes to [0-9a-f]{64}, the signed entry says [0-9a-f]{64}/);
    } finally {
      // Put it back: the other tests (any order) verify an intact ledger.
      await behindTriggers(async (tx) => {
        await tx.execute(sql`update record_contents set text = ${saved!.text} where id = (select content_id from ledger_entries where seq = 2)`);
        await tx.execute(sql`update ledger_entries set jws = ${saved!.jws} where seq = 0`);
      });
    }
    expect(codraft('verify', '--full').code).toBe(0);
  });
});

/**
 * Ed25519 signing keys. The private key is the JWK in SIGNING_KEY_JWK; or, with SIGNING_KEY_SECRET
 * (several instances), encrypted in the database (key-vault.ts); or a file
 * DATA_DIR/keys/<kid>.private.jwk.json (mode 0600) — generated on first start (once, under a lock,
 * whichever instance comes first) and by `codraft keys rotate`. The database's `signing_keys` holds every public key ever
 * used (the JWKS); the newest one is the active key, older ones are retired but keep verifying.
 * With DATA_DIR=memory:// (tests) keys live in this process's memory only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { desc, sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Config } from '../config';
import type { Executor } from '../db/client';
import { signingKeys } from '../db/schema';
import { publicJwk, type Jwks } from '../../shared/records';
import { loadPrivateJwk, storePrivateJwk } from './key-vault';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

type KeyConfig = Pick<Config, 'DATA_DIR' | 'dataDir' | 'SIGNING_KEY_JWK'> & Partial<Pick<Config, 'SIGNING_KEY_SECRET'>>;

const inMemory = (config: KeyConfig) => config.DATA_DIR === 'memory://';
const keysDir = (config: KeyConfig) => path.join(config.dataDir, 'keys');
const keyFile = (config: KeyConfig, kid: string) => path.join(keysDir(config), `${kid}.private.jwk.json`);
/** Private keys of DATA_DIR=memory:// processes, by kid. */
const memoryKeys = new Map<string, JWK>();

async function toSigningKey(privateJwk: JWK): Promise<SigningKey & { publicJwk: JWK }> {
  const pub = await publicJwk(privateJwk);
  const privateKey = (await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
  return { kid: pub.kid!, privateKey, publicJwk: pub };
}

/** Put a public key in the JWKS (idempotent). */
async function register(db: Executor, jwk: JWK) {
  await db.insert(signingKeys).values({ kid: jwk.kid!, publicJwk: jwk }).onConflictDoNothing();
}

async function readPrivateJwk(db: Executor, config: KeyConfig, kid: string): Promise<JWK | null> {
  if (config.SIGNING_KEY_SECRET) return loadPrivateJwk(db, config.SIGNING_KEY_SECRET, kid);
  if (inMemory(config)) return memoryKeys.get(kid) ?? null;
  try {
    return JSON.parse(await fs.readFile(keyFile(config, kid), 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Generate a key, keep its private half (file or memory) and publish its public half. */
export async function createSigningKey(db: Executor, config: KeyConfig): Promise<SigningKey> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const key = await toSigningKey(privateJwk);
  const stored = { ...privateJwk, kid: key.kid, alg: 'EdDSA' };
  if (config.SIGNING_KEY_SECRET) {
    await register(db, key.publicJwk);
    await storePrivateJwk(db, config.SIGNING_KEY_SECRET, key.kid, stored);
    return key;
  }
  if (inMemory(config)) memoryKeys.set(key.kid, stored);
  else {
    await fs.mkdir(keysDir(config), { recursive: true, mode: 0o700 });
    await fs.writeFile(keyFile(config, key.kid), JSON.stringify(stored, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  }
  await register(db, key.publicJwk);
  return key;
}

/** The newest published key id, or null for an empty JWKS. */
export async function newestKid(db: Executor): Promise<string | null> {
  const [row] = await db.select({ kid: signingKeys.kid }).from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid)).limit(1);
  return row?.kid ?? null;
}

/**
 * The key to sign with now: SIGNING_KEY_JWK when set; else the newest published key whose
 * private half this process holds; else a new key (first start, or a DATA_DIR without the key).
 */
export async function activeSigningKey(db: Executor, config: KeyConfig): Promise<SigningKey> {
  if (config.SIGNING_KEY_JWK) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(config.SIGNING_KEY_JWK) as JWK;
    } catch {
      throw new Error('SIGNING_KEY_JWK: not JSON; expected a private Ed25519 JWK ({"kty":"OKP","crv":"Ed25519","x":…,"d":…})');
    }
    if (!jwk.d) throw new Error('SIGNING_KEY_JWK: this JWK has no private part ("d")');
    const key = await toSigningKey(jwk);
    await register(db, key.publicJwk);
    return key;
  }
  const kid = await newestKid(db);
  const privateJwk = kid ? await readPrivateJwk(db, config, kid) : null;
  if (privateJwk) return toSigningKey(privateJwk);
  if (config.SIGNING_KEY_SECRET) {
    if (kid) throw new Error(`SIGNING_KEY_SECRET: the active key ${kid} has no private half in the database (rotate with codraft keys rotate)`);
    // First start of several instances at once: one creates the key, the others wait and read it.
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('codraft.signing-keys'))`);
      const created = await newestKid(tx);
      const jwk = created ? await readPrivateJwk(tx, config, created) : null;
      return jwk ? toSigningKey(jwk) : createSigningKey(tx, config);
    });
  }
  return createSigningKey(db, config);
}

/** Every public key ever used, oldest first: the published JWKS. */
export async function loadJwks(db: Executor): Promise<Jwks> {
  const rows = await db.select({ jwk: signingKeys.publicJwk }).from(signingKeys).orderBy(signingKeys.createdAt, signingKeys.kid);
  return { keys: rows.map((r) => r.jwk) };
}

/** Published keys with their status, newest (active) first. */
export async function listSigningKeys(db: Executor) {
  const rows = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
  return rows.map((row, i) => ({ kid: row.kid, createdAt: row.createdAt, retired: i > 0 }));
}

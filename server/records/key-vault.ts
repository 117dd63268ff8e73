/**
 * Private signing keys kept in the database for several instances (SIGNING_KEY_SECRET): each JWK
 * encrypted with AES-256-GCM under a key derived from the secret (scrypt), so the database alone
 * (a backup, a replica, a DBA) never yields a usable key, and every instance reads the same one.
 * The table is append-only like the rest of the ledger's tables.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { JWK } from 'jose';
import type { Executor } from '../db/client';
import { signingKeySecrets } from '../db/schema';

const derived = new Map<string, Buffer>();
const keyFrom = (secret: string) => {
  let key = derived.get(secret);
  if (!key) derived.set(secret, (key = scryptSync(secret, 'codraft signing keys v1', 32)));
  return key;
};

export async function storePrivateJwk(db: Executor, secret: string, kid: string, jwk: JWK): Promise<void> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  await db.insert(signingKeySecrets).values({ kid, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') });
}

/** The stored private JWK of `kid`, or null; a wrong secret is an error naming the variable. */
export async function loadPrivateJwk(db: Executor, secret: string, kid: string): Promise<JWK | null> {
  const [row] = await db.select().from(signingKeySecrets).where(eq(signingKeySecrets.kid, kid));
  if (!row) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(row.iv, 'base64'));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(Buffer.from(row.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(row.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(`SIGNING_KEY_SECRET: cannot decrypt the private key ${kid} stored in the database (a different secret?)`);
  }
}

/**
 * This process's view of the signing key: the active key, looked up on every use (one indexed
 * query) so that `codraft keys rotate` run beside a server on Postgres takes effect at the next
 * freeze, with private keys imported once per kid. Keys are created and registered outside any
 * freeze transaction, so a rolled-back freeze never leaves a cached key unregistered.
 */
import type { Config } from '../config';
import type { Database } from '../db/client';
import { activeSigningKey, newestKid, type SigningKey } from './keys';

export interface Signer {
  /** The key to sign the next entry and tree head with (created on first use). */
  current(): Promise<SigningKey>;
}

export function createSigner(db: Database, config: Pick<Config, 'DATA_DIR' | 'dataDir' | 'SIGNING_KEY_JWK'>): Signer {
  const byKid = new Map<string, SigningKey>();
  let loading: Promise<SigningKey> | null = null;

  // One load at a time: two first freezes must not both generate a key.
  const load = () =>
    (loading ??= activeSigningKey(db, config)
      .then((key) => {
        byKid.set(key.kid, key);
        return key;
      })
      .finally(() => {
        loading = null;
      }));

  return {
    async current() {
      if (config.SIGNING_KEY_JWK) return byKid.values().next().value ?? load();
      const kid = await newestKid(db);
      return (kid && byKid.get(kid)) || load();
    },
  };
}

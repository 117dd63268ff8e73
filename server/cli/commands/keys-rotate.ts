/**
 * `codraft keys rotate`: start signing with a new Ed25519 key. The old key stays in the JWKS
 * (retired), so everything it signed keeps verifying. The private key goes to DATA_DIR/keys; with
 * SIGNING_KEY_JWK set it is printed instead, for the operator to put in that variable.
 * `codraft keys list`: the published keys, newest (active) first.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { loadConfig } from '../../config';
import { signingKeys } from '../../db/schema';
import { createSigningKey, listSigningKeys } from '../../records/keys';
import { publicJwk } from '../../../shared/records';
import { withDatabase } from '../database';
import { recordAudit } from '../../audit/record-event';
import type { CliCommand } from '../registry';

export const keysRotate: CliCommand = {
  name: 'keys rotate',
  summary: 'Start signing records with a new key (old signatures keep verifying)',
  usage: [],
  options: {},
  run: async () => {
    const config = loadConfig();
    await withDatabase(async (db, where) => {
      if (!config.SIGNING_KEY_JWK) {
        const key = await createSigningKey(db, config);
        await recordAudit(db, { action: 'key.rotate', actorId: null, objectType: 'signing_key', objectId: key.kid, outcome: 'success', details: { via: 'cli' } });
        console.log(`New signing key ${key.kid} published in the ${where}; private key in ${config.dataDir}/keys.`);
        console.log('A running server on Postgres signs with it from its next freeze; the previous key is retired and stays in /.well-known/jwks.json.');
        return;
      }
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const pub = await publicJwk(await exportJWK(pair.publicKey));
      await db.insert(signingKeys).values({ kid: pub.kid!, publicJwk: pub });
      await recordAudit(db, { action: 'key.rotate', actorId: null, objectType: 'signing_key', objectId: pub.kid!, outcome: 'success', details: { via: 'cli', environment: true } });
      console.error(`SIGNING_KEY_JWK is set, so the key lives in the environment. New key ${pub.kid} is published;`);
      console.error('set SIGNING_KEY_JWK to the JWK below on every server and restart them:');
      console.log(JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: pub.kid, alg: 'EdDSA' }));
    });
  },
};

export const keysList: CliCommand = {
  name: 'keys list',
  summary: 'List the record signing keys (newest is active)',
  usage: [],
  options: {},
  run: () =>
    withDatabase(async (db) => {
      const keys = await listSigningKeys(db);
      if (keys.length === 0) console.log('No signing key yet: the server makes one on first start.');
      for (const k of keys) console.log(`${k.retired ? 'retired' : 'active '}  ${k.kid}  since ${k.createdAt.toISOString()}`);
    }),
};

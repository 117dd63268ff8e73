/**
 * Public, no sign-in: `GET /.well-known/jwks.json`, every Ed25519 public key the ledger ever
 * signed with, retired ones included (old records keep verifying). Cacheable for a short while:
 * a rotation shows up within a minute.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';
import { loadJwks } from './keys';

export const wellKnownRoutes = ({ db }: Pick<AppDeps, 'db'>) =>
  new Hono<AppEnv>().get('/.well-known/jwks.json', async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(await loadJwks(db));
  });

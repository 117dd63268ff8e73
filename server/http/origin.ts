/**
 * Cross-site protection. Browsers always send Origin on websocket handshakes and on
 * cross-origin writes; a request whose Origin is not one of ours is refused. Clients that send
 * no Origin at all (CLI tools, servers) cannot carry a victim's cookies and are let through.
 */
import { createMiddleware } from 'hono/factory';
import type { Config } from '../config';
import { forbidden } from '../errors';
import type { AppEnv } from './env';

/** True when `origin` is absent, the request's own origin, or configured in ALLOWED_ORIGINS. */
export function isAllowedOrigin(origin: string | undefined, requestUrl: string, host: string | undefined, config: Config) {
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host) return true;
  if (parsed.origin === new URL(requestUrl).origin) return true;
  return config.ALLOWED_ORIGINS.some((allowed) => new URL(allowed).origin === parsed.origin);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameOriginWrites = (config: Config) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!safeMethods.has(c.req.method) && !isAllowedOrigin(c.req.header('origin'), c.req.url, c.req.header('host'), config)) {
      throw forbidden('Cross-site request refused: Origin is not this application');
    }
    await next();
  });

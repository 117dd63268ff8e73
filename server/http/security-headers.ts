/**
 * Security headers on every response: hono's secureHeaders (nosniff, frame options, referrer
 * policy…) plus a Content-Security-Policy allowing scripts, connections (fetch and the collab
 * websocket), workers and styles from our own origin only, and framing by nobody. Inline style
 * attributes stay allowed: the editor's collaboration carets set colours that way.
 * HSTS only over https: sent over plain http it is ignored at best, and wrong for a LAN install.
 */
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';

/** The policy for a request to `host` (the websocket origin is listed too, for older browsers). */
export function contentSecurityPolicy(host: string | undefined, secure: boolean): string {
  const ws = host && /^[\w.:[\]-]+$/.test(host) ? ` ${secure ? 'wss' : 'ws'}://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self'${ws}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const isHttps = (url: string, forwardedProto: string | undefined) =>
  url.startsWith('https:') || forwardedProto?.split(',')[0]?.trim() === 'https';

export const securityHeaders = () => {
  const base = secureHeaders({ crossOriginResourcePolicy: 'same-origin', strictTransportSecurity: false });
  return createMiddleware<AppEnv>(async (c, next) => {
    await base(c, async () => {
      await next();
    });
    const secure = isHttps(c.req.url, c.req.header('x-forwarded-proto'));
    c.header('Content-Security-Policy', contentSecurityPolicy(c.req.header('host'), secure));
    if (secure) c.header('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
  });
};

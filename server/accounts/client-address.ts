/** The address a request came from, for rate limiting (never for authorisation). */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Behind a reverse proxy every request arrives from the proxy, so the proxy's own entry in
 * X-Forwarded-For (the last one, the only one a client cannot forge) identifies the client.
 * Without a proxy a client could invent that header; it then only escapes the per-IP limit,
 * not the per-email one.
 */
export function clientAddress(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  if (last) return last;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

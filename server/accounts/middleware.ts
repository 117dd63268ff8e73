/** Who is asking: resolves the session cookie to a user, and guards routes that need one. */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/client';
import { forbidden, unauthenticated } from '../errors';
import type { AppEnv, SessionUser } from '../http/env';
import { loadSessionUser } from './user-queries';
import { sessionCookieName, validateSessionToken } from './sessions';

/** The signed-in user behind a session token, or null. Used by HTTP routes and the websocket alike. */
export async function authenticateToken(db: Database, token: string | undefined, idleMs: number) {
  if (!token) return null;
  const session = await validateSessionToken(db, token, idleMs);
  if (!session) return null;
  const user = await loadSessionUser(db, session.userId);
  return user ? { user, sessionId: session.id } : null;
}

export const requireUser = (db: Database, idleMs: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const auth = await authenticateToken(db, getCookie(c, sessionCookieName), idleMs);
    if (!auth) throw unauthenticated('Sign in first: no valid session');
    c.set('user', auth.user);
    c.set('sessionId', auth.sessionId);
    await next();
  });

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const user: SessionUser | undefined = c.get('user');
  if (!user?.isAdmin) throw forbidden('Administrators only');
  await next();
});

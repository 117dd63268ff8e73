/**
 * Route guards built from the session middleware: `signedIn` also renews the cookie's lifetime
 * on every authenticated request, because the session's idle expiry slides with use.
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { AppEnv } from '../http/env';
import { requireUser } from './middleware';
import { setSessionCookie } from './session-cookie';
import { sessionCookieName } from './sessions';

export const idleMs = (config: Pick<Config, 'SESSION_IDLE_HOURS'>) => config.SESSION_IDLE_HOURS * 3_600_000;

export const signedIn = (deps: { db: Database; config: Config }) => {
  const check = requireUser(deps.db, idleMs(deps.config));
  return createMiddleware<AppEnv>((c, next) =>
    check(c, async () => {
      setSessionCookie(c, getCookie(c, sessionCookieName)!, idleMs(deps.config));
      await next();
    }),
  );
};

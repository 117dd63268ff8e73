/**
 * Signing in and out. `POST /login {email, password}` → `{user}` + session cookie; one 401
 * message for every wrong credential; 429 + Retry-After after repeated failures per email and
 * per client address. `POST /logout` ends the session (204). `GET /me` → `{user}`.
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app';
import { clientAddress } from './client-address';
import { verifyCredentials } from './credentials';
import { idleMs, signedIn } from './guards';
import { memoryLoginThrottle, type LoginThrottle } from './login-throttle';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { createSession, invalidateSession, sessionCookieName, validateSessionToken } from './sessions';
import { AppError, errorBody } from '../errors';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { loadSessionUser } from './user-queries';
import { loginBody } from '../../shared/api';
import { presentUser } from '../http/presenters';

/** Per email as configured; per address 5× that, since a whole office may share one NAT address. */
export const loginLimits = (config: AppDeps['config']) => ({
  maxFailures: { 'email:': config.LOGIN_MAX_FAILURES, 'ip:': config.LOGIN_MAX_FAILURES * 5 },
  windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
});
export const defaultLoginThrottle = (config: AppDeps['config']) => memoryLoginThrottle(loginLimits(config));

const wrongCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password');

export const authRoutes = (deps: AppDeps, throttle: LoginThrottle = deps.loginThrottle ?? defaultLoginThrottle(deps.config)) => {
  const { db, config } = deps;
  return new Hono<AppEnv>()
    .post('/login', jsonBody(loginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const keys = [`email:${email.toLowerCase()}`, `ip:${clientAddress(c)}`];
      // Checked and counted in one step: parallel guesses count as they start.
      const wait = await throttle.attempt(keys);
      if (wait > 0) {
        const message = `Too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minute(s)`;
        return c.json(errorBody('rate_limited', message), 429, { 'Retry-After': String(wait) });
      }
      let user;
      try {
        const userId = await verifyCredentials(db, email, password);
        user = userId ? await loadSessionUser(db, userId) : null;
      } catch (error) {
        await throttle.end(keys);
        throw error;
      }
      if (!user) {
        await throttle.failed(keys);
        c.var.log.info({ ip: keys[1] }, 'sign-in failed');
        throw wrongCredentials();
      }
      await throttle.end(keys);
      await throttle.reset(keys.slice(0, 1));
      const { token } = await createSession(db, user.id, idleMs(config));
      setSessionCookie(c, token, idleMs(config));
      return c.json({ user: presentUser(user) });
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, sessionCookieName);
      const session = token ? await validateSessionToken(db, token, idleMs(config)) : null;
      if (session) {
        await invalidateSession(db, session.id);
        // Its live websockets close too (4401 "signed out"): the session no longer exists.
        deps.collab.sessionEnded(session.id);
      }
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .get('/me', signedIn(deps), (c) => c.json({ user: presentUser(c.var.user) }));
};

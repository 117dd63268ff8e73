/** The `codraft_session` cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https, lives as long as an idle session. */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from './sessions';

/** True when the browser reached us over https (directly, or through a proxy that says so). */
export function isSecureRequest(c: Context): boolean {
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (proto) return proto === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, token: string, idleMs: number) {
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecureRequest(c),
    maxAge: Math.floor(idleMs / 1000),
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, sessionCookieName, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecureRequest(c) });
}

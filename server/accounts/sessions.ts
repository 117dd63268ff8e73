/**
 * Sessions as the Lucia guide describes them: the browser holds a random token; the database
 * holds only its SHA-256. Sessions expire after SESSION_IDLE_HOURS without use and can be revoked.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import type { Logger } from '../logger';
import { sessions } from '../db/schema';

export const sessionCookieName = 'codraft_session';
/** Write last-seen at most this often, so a busy user does not cost a write per request. */
const touchEveryMs = 60_000;

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export async function createSession(db: Executor, userId: string, idleMs: number) {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + idleMs);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
  return { token, sessionId: hashToken(token), expiresAt };
}

/** The live session for a token, sliding its expiry; null when unknown or expired. */
export async function validateSessionToken(db: Executor, token: string, idleMs: number) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const [session] = await db
    .select({ id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
  if (!session) return null;
  const now = Date.now();
  if (now - session.lastSeenAt.getTime() > touchEveryMs) {
    const expiresAt = new Date(now + idleMs);
    await db.update(sessions).set({ lastSeenAt: new Date(now), expiresAt }).where(eq(sessions.id, id));
    session.expiresAt = expiresAt;
  }
  return session;
}

export const invalidateSession = (db: Executor, sessionId: string) => db.delete(sessions).where(eq(sessions.id, sessionId));
export const invalidateUserSessions = (db: Executor, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));
export const deleteExpiredSessions = (db: Executor) => db.delete(sessions).where(lt(sessions.expiresAt, new Date()));

/**
 * Delete expired sessions now and every `everyMs` (they are refused anyway; this keeps the table
 * small and leaves no stale token hashes behind). Returns the function that stops it.
 * Live websockets of a session that merely expired from inactivity stay open: their user is
 * typing, and the socket proves it (see docs/collaboration.md); sign-out closes them.
 */
export function purgeExpiredSessions(db: Database, everyMs: number, log: Logger): () => void {
  let running: Promise<unknown> | null = null;
  const purge = () => {
    running ??= deleteExpiredSessions(db)
      .catch((error: unknown) => log.warn({ err: error }, 'purging expired sessions failed; will retry'))
      .finally(() => (running = null));
  };
  purge();
  const timer = setInterval(purge, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

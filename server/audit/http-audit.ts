/**
 * Middleware: after an API request listed in http-actions.ts finishes, append its audit event
 * (actor, address, user agent, action, object, outcome). Runs after the handler's transaction
 * committed (or failed), so the event records what actually happened. A failure to write the
 * event is logged, never turned into an error for the request that already took effect.
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/client';
import type { AppEnv } from '../http/env';
import { sessionCookieName } from '../accounts/sessions';
import { sessions } from '../db/schema';
import { eq } from 'drizzle-orm';
import { sha256Hex } from '../../shared/records/hash';
import { auditContext, recordAudit } from './record-event';
import { matchHttpAction, outcomeOf } from './http-actions';

/** Body fields whose values are safe and useful in the trail; others appear by name only. */
const loggedValues = new Set(['name', 'title', 'mergeInto', 'successor', 'isAdmin', 'isClerk', 'departments', 'grants', 'level', 'version', 'final']);

export const httpAudit = (db: Database) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const matched = matchHttpAction(c.req.method, c.req.path);
    if (!matched) return next();
    // Sign-out ends the session: find out whose it was first.
    const signingOut = matched.action.action === 'auth.sign_out' ? await sessionUserId(db, getCookie(c, sessionCookieName)) : null;
    await next();
    const status = c.res.status;
    const outcome = outcomeOf(status);
    let response: Record<string, unknown> | null = null;
    if (outcome === 'success' && c.res.headers.get('content-type')?.includes('application/json')) {
      response = (await c.res.clone().json().catch(() => null)) as Record<string, unknown> | null;
    }
    const context = auditContext(c);
    const details: Record<string, unknown> = { status };
    const body = validatedJson(c);
    if (body) {
      details.fields = Object.keys(body);
      for (const key of Object.keys(body)) if (loggedValues.has(key)) details[key] = body[key];
      if (matched.action.action === 'auth.sign_in' && typeof body.email === 'string') details.email = body.email.toLowerCase();
    }
    let actorId = context.actorId ?? signingOut;
    const objectId = matched.action.objectId(matched.match, response);
    if (matched.action.action === 'auth.sign_in' || matched.action.action === 'workspace.setup') actorId = objectId;
    try {
      await recordAudit(db, { ...context, actorId, action: matched.action.action, objectType: matched.action.objectType, objectId, outcome, details });
    } catch (error) {
      c.var.log?.error({ err: error, action: matched.action.action }, 'audit event not recorded');
    }
  });

function validatedJson(c: { req: object }): Record<string, unknown> | null {
  try {
    const value = (c.req as unknown as { valid(target: string): unknown }).valid('json');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function sessionUserId(db: Database, token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, sha256Hex(token))).limit(1).catch(() => []);
  return row?.userId ?? null;
}

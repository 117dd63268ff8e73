/**
 * Liveness (`/health`: the process answers) and readiness (`/ready`: the database answers, and
 * Redis too when this instance runs beside others).
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from './env';
import { errorBody } from '../errors';

export const healthRoutes = ({ db, redisHealthy }: Pick<AppDeps, 'db' | 'redisHealthy'>) =>
  new Hono<AppEnv>()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      try {
        await db.execute(sql`select 1`);
      } catch (error) {
        c.var.log.warn({ err: error }, 'readiness check failed');
        c.header('Retry-After', '5');
        return c.json(errorBody('not_ready', 'Database unreachable'), 503);
      }
      if (redisHealthy && !redisHealthy()) {
        c.header('Retry-After', '5');
        return c.json(errorBody('not_ready', 'Redis unreachable: live editing with the other instances is interrupted'), 503);
      }
      return c.json({ status: 'ready', redis: redisHealthy ? 'ready' : 'not configured' });
    });

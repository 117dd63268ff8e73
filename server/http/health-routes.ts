/** Liveness (`/health`: the process answers) and readiness (`/ready`: the database answers). */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from './env';
import { errorBody } from '../errors';

export const healthRoutes = ({ db }: Pick<AppDeps, 'db'>) =>
  new Hono<AppEnv>()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      try {
        await db.execute(sql`select 1`);
        return c.json({ status: 'ready' });
      } catch (error) {
        c.var.log.warn({ err: error }, 'readiness check failed');
        return c.json(errorBody('not_ready', 'Database unreachable'), 503);
      }
    });

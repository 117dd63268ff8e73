/** GET /metrics: operational figures (durability latency, counters, memory) for administrators. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { requireAdmin } from '../accounts/middleware';
import type { AppEnv } from './env';

export const metricsRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/metrics', signedIn(deps), requireAdmin, (c) => c.json(deps.metrics.snapshot()));

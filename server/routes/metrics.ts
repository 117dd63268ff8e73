/** GET /metrics: operational figures (durability latency, counters, memory) for administrators. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../auth/guards';
import { requireAdmin } from '../auth/middleware';
import type { AppEnv } from '../http/env';

export const metricsRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/metrics', signedIn(deps), requireAdmin, (c) => c.json(deps.metrics.snapshot()));

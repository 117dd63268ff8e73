/**
 * GET /metrics: this instance's operational figures (rooms, sockets, persistence latency, relay
 * lag, memory). Prometheus text format for scrapers (`Accept: text/plain` or openmetrics), JSON
 * otherwise. Administrators may read it; so may a scraper presenting `Bearer <METRICS_TOKEN>`.
 */
import { timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { requireAdmin } from '../accounts/middleware';
import type { AppEnv } from './env';

const instance = `${hostname()}/${process.pid}`;

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const metricsRoutes = (deps: AppDeps) => {
  const respond = (c: Context<AppEnv>) => {
    const accept = c.req.header('accept') ?? '';
    if (/text\/plain|openmetrics/.test(accept)) return c.text(deps.metrics.prometheus(instance), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    return c.json(deps.metrics.snapshot());
  };
  const token = deps.config.METRICS_TOKEN;
  return new Hono<AppEnv>().get(
    '/metrics',
    async (c, next) => {
      const auth = c.req.header('authorization') ?? '';
      if (token && auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token)) return respond(c);
      await next();
    },
    signedIn(deps),
    requireAdmin,
    (c) => respond(c),
  );
};

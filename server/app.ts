/**
 * The HTTP application: request ids and logs, security headers, error mapping, and every route.
 * Built from its dependencies so tests can build one against their own database.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Logger } from './logger';
import type { AppEnv } from './http/env';
import { AppError, errorBody, storageRetryAfterSeconds, storageUnavailableBody } from './errors';
import { isStorageUnavailable } from './db/pg-errors';
import { securityHeaders } from './http/security-headers';
import { rejectNul } from './http/reject-nul';
import { requestContext } from './http/request-context';
import { sameOriginWrites } from './http/origin';
import { healthRoutes } from './http/health-routes';
import { setupRoutes } from './accounts/setup-routes';
import { authRoutes } from './accounts/auth-routes';
import { departmentRoutes } from './accounts/department-routes';
import { userRoutes } from './accounts/user-routes';
import { documentRoutes } from './documents/routes';
import { directoryRoutes } from './documents/directory-routes';
import { versionRoutes } from './records/version-routes';
import { recordRoutes } from './records/record-routes';
import { wellKnownRoutes } from './records/well-known-routes';
import { commentRoutes } from './comments/routes';
import type { CollabService } from './collab/service';
import type { Metrics } from './metrics';
import { metricsRoutes } from './http/metrics-routes';
import { httpAudit } from './audit/http-audit';
import { auditRoutes } from './audit/routes';
import { searchRoutes } from './search/routes';
import { dossierRoutes } from './dossiers/routes';
import { planRoutes } from './dossiers/plan-routes';
import { clientRoutes } from './http/static';
import { notificationRoutes } from './notifications/routes';
import type { NotificationHub } from './notifications/live';
import type { LoginThrottle } from './accounts/login-throttle';
import { agencyRoutes } from './agency/routes';
import { exchangeRoutes, importPath } from './exchange/routes';
import { signatureRoutes, signersWellKnownRoutes } from './signatures/routes';
import { roundRoutes } from './rounds/routes';

export interface AppDeps {
  db: Database;
  config: Config;
  log: Logger;
  /** Live collaboration; routes tell it when access or finalisation changes. */
  collab: CollabService;
  /** Operational figures, fed by collab's persistence; read at GET /metrics. */
  metrics: Metrics;
  /** Live notification signals (LISTEN); absent in apps built without a server, whose streams then only send the initial count. */
  notificationHub?: NotificationHub;
  /** Sign-in throttling shared by every instance (Redis); default: this process's memory. */
  loginThrottle?: LoginThrottle;
  /** Set when this instance runs beside others (REDIS_URL): whether Redis is reachable now (for /ready). */
  redisHealthy?: () => boolean;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestContext(deps.log));
  app.use(securityHeaders());
  app.use(rejectNul());
  app.use('/api/*', sameOriginWrites(deps.config));
  // API bodies are small JSON; refuse anything bigger before reading it.
  // (The document import takes files up to MAX_IMPORT_BYTES and applies its own limit.)
  const apiBodyLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody('payload_too_large', 'Request body too large (max 1 MiB)'), 413) });
  app.use('/api/*', (c, next) => (c.req.path === importPath && c.req.method === 'POST' ? next() : apiBodyLimit(c, next)));

  // Records the pre-existing actions (sign-in, documents, freeze, admin…) once they finish.
  app.use('/api/*', httpAudit(deps.db));
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/api/setup', setupRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  // Before the administrators-only department routes: members reach their annual dossier list.
  app.route('/api', planRoutes(deps));
  app.route('/api', dossierRoutes(deps));
  app.route('/api/departments', departmentRoutes(deps));
  app.route('/api/users', userRoutes(deps));
  app.route('/api/documents', documentRoutes(deps));
  app.route('/api/directory', directoryRoutes(deps));
  app.route('/api/notifications', notificationRoutes(deps));
  app.route('/api', versionRoutes(deps));
  app.route('/api', recordRoutes(deps));
  app.route('/api', commentRoutes(deps));
  app.route('/api', auditRoutes(deps));
  app.route('/api', searchRoutes(deps));
  app.route('/', wellKnownRoutes(deps));
  app.route('/', signersWellKnownRoutes(deps));
  app.route('/api', signatureRoutes(deps));
  app.route('/api/agency', agencyRoutes(deps));
  app.route('/api', exchangeRoutes(deps));
  app.route('/api', roundRoutes(deps));
  app.route('/collab', deps.collab.routes());
  // The built web client (dist/client) for every other GET, with SPA fallback to index.html.
  app.route('/', clientRoutes());

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message || 'Bad request'), error.status);
    }
    if (isStorageUnavailable(error)) {
      c.var.log?.error({ err: error }, 'storage unavailable');
      return c.json(storageUnavailableBody(), 503, { 'Retry-After': String(storageRetryAfterSeconds) });
    }
    c.var.log?.error({ err: error }, 'unhandled error');
    return c.json(errorBody('internal', 'Something went wrong on the server'), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

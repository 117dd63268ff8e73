/**
 * The audit trail API (server/audit/routes.ts) for the web client, typed through hono/client from
 * the server's own routes.
 */
import { hc } from 'hono/client';
import type { auditRoutes } from '../../server/audit/routes';
import { call } from '../data/http';

const api = hc<ReturnType<typeof auditRoutes>>('/api');

export interface AuditQuery {
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
}

/** Only the filters that are set, as the query string both routes read. */
export const auditParams = (q: AuditQuery) => Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>;

export const auditApi = {
  list: (q: AuditQuery, before?: number) => call(api.audit.$get({ query: { ...auditParams(q), ...(before ? { before } : {}), limit: '100' } })),
  csvUrl: (q: AuditQuery) => `/api/audit.csv?${new URLSearchParams(auditParams(q))}`,
};

export type AuditEvent = Awaited<ReturnType<typeof auditApi.list>>['events'][number];

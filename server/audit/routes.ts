/**
 * Browsing the audit trail (administrators all of it, clerks the records part):
 *   GET /audit?action=&actor=&objectType=&objectId=&outcome=&from=&to=&before=&limit=
 *       → {events, nextBefore}  (newest first; nextBefore pages on)
 *   GET /audit.csv?…same filters → text/csv (at most 10,000 rows), itself audited
 * Data path: audit_events (+ users for names) via queries.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { forbidden } from '../errors';
import type { AppEnv, SessionUser } from '../http/env';
import { queryParams } from '../http/validate';
import { auditScope } from '../../shared/permissions/audit';
import { listAuditEvents, type AuditFilter, type AuditRow } from './queries';
import { auditContext, recordAudit } from './record-event';

const auditQuery = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().uuid().optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const scopeOf = (user: SessionUser) => {
  const scope = auditScope(user);
  if (scope === 'none') throw forbidden('Only administrators and clerks may browse the audit trail');
  return scope;
};

const toFilter = (q: z.infer<typeof auditQuery>, limit: number): AuditFilter => ({
  action: q.action,
  actorId: q.actor,
  objectType: q.objectType,
  objectId: q.objectId,
  outcome: q.outcome,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
  before: q.before,
  limit,
});

const present = (row: AuditRow) => ({ ...row, occurredAt: row.occurredAt.toISOString() });

const csvColumns = ['seq', 'occurredAt', 'action', 'outcome', 'actorId', 'actorName', 'objectType', 'objectId', 'ip', 'userAgent', 'details', 'hash'] as const;

/** RFC 4180 field; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
const csvField = (value: unknown) => {
  let text = value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const auditRoutes = (deps: AppDeps) => {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/audit', signedIn(deps), queryParams(auditQuery), async (c) => {
      const scope = scopeOf(c.var.user);
      const q = c.req.valid('query');
      const rows = await listAuditEvents(db, scope, toFilter(q, q.limit));
      return c.json({ events: rows.map(present), nextBefore: rows.length === q.limit ? rows.at(-1)!.seq : null });
    })
    .get('/audit.csv', signedIn(deps), queryParams(auditQuery), async (c) => {
      const scope = scopeOf(c.var.user);
      const q = c.req.valid('query');
      const rows = (await listAuditEvents(db, scope, toFilter(q, 10_000))).map(present);
      const lines = [csvColumns.join(','), ...rows.map((row) => csvColumns.map((k) => csvField(row[k])).join(','))];
      await recordAudit(db, { ...auditContext(c), action: 'audit.export', objectType: 'audit', outcome: 'success', details: { rows: rows.length, filter: q } });
      return c.body(`${lines.join('\r\n')}\r\n`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="audit.csv"',
      });
    });
};

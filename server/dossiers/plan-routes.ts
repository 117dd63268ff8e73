/**
 * A department's annual list of planned dossiers, and its reorganisation history:
 *   GET /departments/:id/dossier-plan?year=       → {year, items: [{id, notation, title, retention, description, dossierId}]}
 *   PUT /departments/:id/dossier-plan?year= {items: [{notation, title, retention, description?}]} → same
 *       (replaces the list; items already opened as dossiers must stay: 409 otherwise)
 *   GET /departments/:id/history                 → {events: [{event, otherDepartment, moved, at}]} (administrators)
 *   POST /departments/:id/dissolve {successor}    → {successor, moved} (administrators)
 * Mounted before the administrators-only department routes, so members reach their list.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { conflict, forbidden, notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { jsonBody, queryParams } from '../http/validate';
import { idParam } from '../http/params';
import { departmentHistory, departments, dossierPlanItems, dossiers } from '../db/schema';
import { auditContext, recordAudit } from '../audit/record-event';
import { canAdminister, canEditDossierPlan, canViewDossierPlan } from '../../shared/permissions';
import { retention } from './routes';
import { dissolveDepartment } from './reorganise';

const yearQuery = z.object({ year: z.coerce.number().int().min(1900).max(2999) });
const planBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        notation: z.string().trim().min(1).max(50).regex(/^[\p{L}\p{N}.\-_/]+$/u, 'letters, digits and . - _ / only'),
        title: z.string().trim().min(1).max(500),
        retention,
        description: z.string().trim().max(4000).optional(),
      }),
    )
    .max(1000)
    .refine((items) => new Set(items.map((i) => i.notation)).size === items.length, 'notations must be unique within the list'),
});
const dissolveBody = z.strictObject({ successor: z.string().uuid() });

export const planRoutes = (deps: AppDeps) => {
  const { db, collab } = deps;
  const auth = signedIn(deps);

  const activeDepartment = async (id: string) => {
    const [dept] = await db.select().from(departments).where(eq(departments.id, id));
    if (!dept) throw notFound('Department');
    return dept;
  };
  const listPlan = async (departmentId: string, year: number) => {
    const items = await db.select().from(dossierPlanItems).where(and(eq(dossierPlanItems.departmentId, departmentId), eq(dossierPlanItems.year, year))).orderBy(asc(dossierPlanItems.position));
    const opened = items.length
      ? await db.select({ id: dossiers.id, planItemId: dossiers.planItemId }).from(dossiers).where(and(isNotNull(dossiers.planItemId), inArray(dossiers.planItemId, items.map((i) => i.id))))
      : [];
    const byItem = new Map(opened.map((d) => [d.planItemId, d.id]));
    return { year, items: items.map((i) => ({ id: i.id, notation: i.notation, title: i.title, retention: i.retention, description: i.description, dossierId: byItem.get(i.id) ?? null })) };
  };

  return new Hono<AppEnv>()
    .get('/departments/:id/dossier-plan', auth, idParam('Department'), queryParams(yearQuery), async (c) => {
      const dept = await activeDepartment(c.req.valid('param').id);
      if (!canViewDossierPlan(c.var.user, dept.id)) throw notFound('Department');
      return c.json(await listPlan(dept.id, c.req.valid('query').year));
    })
    .put('/departments/:id/dossier-plan', auth, idParam('Department'), queryParams(yearQuery), jsonBody(planBody), async (c) => {
      const dept = await activeDepartment(c.req.valid('param').id);
      if (!canViewDossierPlan(c.var.user, dept.id)) throw notFound('Department');
      if (!canEditDossierPlan(c.var.user, dept.id)) throw forbidden('The department’s leaders, clerks and administrators keep its annual list');
      const { year } = c.req.valid('query');
      const { items } = c.req.valid('json');
      await db.transaction(async (tx) => {
        const current = await tx.select().from(dossierPlanItems).where(and(eq(dossierPlanItems.departmentId, dept.id), eq(dossierPlanItems.year, year))).for('update');
        const keep = new Map(current.map((i) => [i.notation, i]));
        const wanted = new Set(items.map((i) => i.notation));
        const dropped = current.filter((i) => !wanted.has(i.notation));
        if (dropped.length) {
          const used = await tx.select({ planItemId: dossiers.planItemId }).from(dossiers).where(inArray(dossiers.planItemId, dropped.map((i) => i.id)));
          if (used.length) throw conflict('An item already opened as a dossier cannot be removed from the list');
          await tx.delete(dossierPlanItems).where(inArray(dossierPlanItems.id, dropped.map((i) => i.id)));
        }
        for (const [position, item] of items.entries()) {
          const existing = keep.get(item.notation);
          const values = { title: item.title, retention: item.retention, description: item.description ?? null, position };
          if (existing) await tx.update(dossierPlanItems).set(values).where(eq(dossierPlanItems.id, existing.id));
          else await tx.insert(dossierPlanItems).values({ departmentId: dept.id, year, notation: item.notation, ...values });
        }
        await recordAudit(tx, { ...auditContext(c), action: 'dossier.plan', objectType: 'department', objectId: dept.id, outcome: 'success', details: { year, items: items.length } });
      });
      return c.json(await listPlan(dept.id, year));
    })
    .get('/departments/:id/history', auth, idParam('Department'), async (c) => {
      if (!canAdminister(c.var.user)) throw forbidden('Administrators only');
      const dept = await activeDepartment(c.req.valid('param').id);
      const rows = await db
        .select({ event: departmentHistory.event, otherId: departmentHistory.otherDepartmentId, otherName: departments.name, moved: departmentHistory.moved, at: departmentHistory.createdAt, actorId: departmentHistory.actorId })
        .from(departmentHistory)
        .innerJoin(departments, eq(departments.id, departmentHistory.otherDepartmentId))
        .where(eq(departmentHistory.departmentId, dept.id))
        .orderBy(desc(departmentHistory.createdAt));
      return c.json({
        department: { id: dept.id, name: dept.name, mergedInto: dept.mergedInto },
        events: rows.map((r) => ({ event: r.event, otherDepartment: { id: r.otherId, name: r.otherName }, moved: r.moved, actorId: r.actorId, at: r.at.toISOString() })),
      });
    })
    .post('/departments/:id/dissolve', auth, idParam('Department'), jsonBody(dissolveBody), async (c) => {
      if (!canAdminister(c.var.user)) throw forbidden('Administrators only');
      const result = await dissolveDepartment(db, auditContext(c), c.req.valid('param').id, c.req.valid('json').successor);
      for (const userId of result.removedUserIds) await collab.userChanged(userId);
      for (const documentId of result.documentIds) await collab.accessChanged(documentId);
      return c.json({ successor: result.successor, moved: result.moved });
    });
};

/**
 * Departments, administrators only. `GET /` active departments with member counts;
 * `POST / {name}` (409 on a duplicate active name); `PATCH /:id {name}` renames,
 * `PATCH /:id {mergeInto}` merges into another department (see commands/merge-departments.ts).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from './guards';
import { requireAdmin } from './middleware';
import { createDepartment } from './create-department';
import { mergeDepartments } from './merge-departments';
import { renameDepartment } from './rename-department';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { listDepartmentsWithCounts } from './department-queries';
import { createDepartmentBody, updateDepartmentBody } from '../../shared/api';
import { idParam } from '../http/params';

export const departmentRoutes = (deps: AppDeps) => {
  const { db, collab } = deps;
  return new Hono<AppEnv>()
    .use(signedIn(deps), requireAdmin)
    .get('/', async (c) => {
      const rows = await listDepartmentsWithCounts(db);
      return c.json({
        departments: rows.map((d) => ({ id: d.id, name: d.name, memberCount: d.memberCount, createdAt: d.createdAt.toISOString() })),
      });
    })
    .post('/', jsonBody(createDepartmentBody), async (c) => {
      const department = await createDepartment(db, c.req.valid('json').name);
      return c.json({ department: { id: department.id, name: department.name } }, 201);
    })
    .patch('/:id', idParam('Department'), jsonBody(updateDepartmentBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.name !== undefined) {
        const department = await renameDepartment(db, id, body.name);
        return c.json({ department: { id: department.id, name: department.name } });
      }
      const merged = await mergeDepartments(db, id, body.mergeInto!);
      c.var.log.info({ from: id, into: merged.target.id, documents: merged.documentIds.length }, 'departments merged');
      // Merging only ever adds access, but live connections may be upgraded (e.g. view → edit).
      for (const userId of merged.movedUserIds) await collab.userChanged(userId);
      for (const documentId of merged.documentIds) await collab.accessChanged(documentId);
      return c.json({ department: merged.target, mergedFrom: id });
    });
};

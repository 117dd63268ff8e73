/**
 * Replaces who may reach a document. Every department must be active and every person must
 * exist; otherwise a 400 names the offending grant. Creator and administrators keep access
 * through the policy whatever the list says.
 */
import type { Executor } from '../db/client';
import { validationFailed } from '../errors';
import { activeDepartmentIds } from '../accounts/department-queries';
import { existingUserIds } from '../accounts/user-queries';
import type { GrantInputBody } from '../../shared/api';
import { replaceGrants, type GrantInput } from './replace-grants';

export const setDocumentAccess = (db: Executor, documentId: string, grants: readonly GrantInputBody[]) =>
  db.transaction(async (tx) => {
    const departments = await activeDepartmentIds(tx, grants.flatMap((g) => (g.department ? [g.department] : [])));
    const users = await existingUserIds(tx, grants.flatMap((g) => (g.user ? [g.user] : [])));
    const issues = grants.flatMap((g, index) => {
      if (g.department && !departments.has(g.department)) {
        return [{ path: `grants.${index}.department`, message: `no active department ${g.department}` }];
      }
      if (g.user && !users.has(g.user)) return [{ path: `grants.${index}.user`, message: `no user ${g.user}` }];
      return [];
    });
    if (issues.length) throw validationFailed(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

    const rows: GrantInput[] = grants.map((g) =>
      g.department ? { departmentId: g.department, level: g.level } : { userId: g.user!, level: g.level },
    );
    await replaceGrants(tx, documentId, rows);
  });

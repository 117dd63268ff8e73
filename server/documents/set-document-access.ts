/**
 * Replaces who may reach a document. Every department must be active and every person must
 * exist; otherwise a 400 names the offending grant. Creator and administrators keep access
 * through the policy whatever the list says. People who gain sight of the draft are notified.
 */
import type { Database } from '../db/client';
import { notFound, validationFailed } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from './document-access';
import { notifyNewViewers } from './share-notifications';
import { activeDepartmentIds } from '../accounts/department-queries';
import { existingUserIds } from '../accounts/user-queries';
import type { GrantInputBody } from '../../shared/api';
import { replaceGrants, type GrantInput } from './replace-grants';

export const setDocumentAccess = (db: Database, documentId: string, grants: readonly GrantInputBody[], by: SessionUser) =>
  db.transaction(async (tx) => {
    const before = await loadDocumentFacts(tx, documentId);
    if (!before) throw notFound('Document');
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
    const after = (await loadDocumentFacts(tx, documentId))!;
    await notifyNewViewers(tx, { documentId, title: after.title, before, after, by });
  });

/**
 * Reorganisation without loss (issue 11). Rows owned by a department move with it when it is
 * merged (server/accounts/merge-departments.ts calls moveDepartmentOwned) or dissolved into a
 * successor (dissolveDepartment here: dossiers, drafts and grants move; memberships end). Each
 * move is written to department_history, so GET /departments/:id/history shows what went where.
 *
 * HOOK for other capabilities: add your department-owned table to `departmentOwnedTables`.
 * Tables that do not exist yet are skipped, so adding a line early is safe.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { departmentHistory, userDepartments } from '../db/schema';
import { badRequest, notFound } from '../errors';
import { lockDepartments, markMerged } from '../accounts/department-queries';
import { moveDepartmentGrants } from '../documents/document-grants';
import { moveDocumentsToDepartment } from '../documents/document-queries';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { and, eq } from 'drizzle-orm';

export interface DepartmentOwnedTable {
  /** Name used in the history (e.g. "dossiers"). */
  name: string;
  table: string;
  column: string;
  /** Runs first, e.g. to rename rows that would collide with the target's under a unique key. */
  beforeMove?: (db: Executor, fromId: string, toId: string) => Promise<unknown>;
}

export const departmentOwnedTables: DepartmentOwnedTable[] = [
  { name: 'dossiers', table: 'dossiers', column: 'department_id' },
  {
    name: 'dossierPlanItems',
    table: 'dossier_plan_items',
    column: 'department_id',
    // An annual list item whose notation the target already uses keeps it with a suffix.
    beforeMove: (db, fromId, toId) =>
      db.execute(sql`update dossier_plan_items p set notation = p.notation || '-' || substr(${fromId}::text, 1, 4)
        where p.department_id = ${fromId} and exists (select 1 from dossier_plan_items q where q.department_id = ${toId} and q.year = p.year and q.notation = p.notation)`),
  },
  { name: 'dossierGrants', table: 'dossier_grants', column: 'department_id' },
  { name: 'searchEntries', table: 'search_entries', column: 'department_id' },
  // Consultation rounds: the successor answers for the department it absorbed (open rounds stay
  // answerable) and keeps its responses. Consulted twice in one round: one row, the lead role wins.
  {
    name: 'roundDepartments',
    table: 'round_departments',
    column: 'department_id',
    beforeMove: async (db, fromId, toId) => {
      await db.execute(sql`update round_departments t set role = 'lead' from round_departments s
        where s.round_id = t.round_id and s.department_id = ${fromId} and t.department_id = ${toId} and s.role = 'lead'`);
      await db.execute(sql`delete from round_departments s where s.department_id = ${fromId}
        and exists (select 1 from round_departments t where t.round_id = s.round_id and t.department_id = ${toId})`);
    },
  },
  { name: 'roundResponses', table: 'round_responses', column: 'department_id' },
  // Registers (issue 10) are the agency's, not a department's: nothing to move. Comments keep the
  // department their author wrote for, as written.
];

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];

/** Moves every department-owned row from one department to another; returns counts per table. */
export async function moveDepartmentOwned(db: Executor, fromId: string, toId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const t of departmentOwnedTables) {
    const [exists] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass(${t.table})::text as t`));
    if (!exists?.t) continue;
    await t.beforeMove?.(db, fromId, toId);
    const rows = rowsOf(await db.execute(sql`update ${sql.identifier(t.table)} set ${sql.identifier(t.column)} = ${toId} where ${sql.identifier(t.column)} = ${fromId} returning 1`));
    moved[t.name] = rows.length;
  }
  return moved;
}

export async function recordHistory(db: Executor, event: 'merged_into' | 'dissolved_into', fromId: string, toId: string, moved: Record<string, number>, actorId: string | null) {
  await db.insert(departmentHistory).values([
    { departmentId: fromId, event, otherDepartmentId: toId, moved, actorId },
    { departmentId: toId, event: event === 'merged_into' ? 'received_merger' : 'received_dissolved', otherDepartmentId: fromId, moved, actorId },
  ]);
}

export interface DissolveResult {
  successor: { id: string; name: string };
  /** People whose membership ended (live connections must be re-checked). */
  removedUserIds: string[];
  /** Drafts whose grants or owning department changed. */
  documentIds: string[];
  moved: Record<string, number>;
}

export async function dissolveDepartment(db: Database, audit: AuditContext, sourceId: string, successorId: string): Promise<DissolveResult> {
  if (sourceId === successorId) throw badRequest('successor: a department cannot succeed itself');
  return db.transaction(async (tx) => {
    const locked = await lockDepartments(tx, [sourceId, successorId]);
    const source = locked.find((d) => d.id === sourceId);
    const successor = locked.find((d) => d.id === successorId);
    if (!source || source.mergedInto) throw notFound('Department');
    if (!successor || successor.mergedInto) throw badRequest(`successor: no active department ${successorId}`);
    const grantDocs = await moveDepartmentGrants(tx, sourceId, successorId);
    const ownedDocs = await moveDocumentsToDepartment(tx, sourceId, successorId);
    const moved = await moveDepartmentOwned(tx, sourceId, successorId);
    const removed = await tx.delete(userDepartments).where(and(eq(userDepartments.departmentId, sourceId))).returning({ userId: userDepartments.userId });
    await markMerged(tx, sourceId, successorId);
    const all = { ...moved, drafts: ownedDocs.length, draftGrants: grantDocs.length, membershipsEnded: removed.length };
    await recordHistory(tx, 'dissolved_into', sourceId, successorId, all, audit.actorId);
    await recordAudit(tx, { ...audit, action: 'department.dissolve', objectType: 'department', objectId: sourceId, outcome: 'success', details: { successor: successorId, moved: all } });
    return {
      successor: { id: successor.id, name: successor.name },
      removedUserIds: removed.map((r) => r.userId),
      documentIds: [...new Set([...grantDocs, ...ownedDocs.map((d) => d.id)])],
      moved: all,
    };
  });
}

/** Document grants as people read them (with names), and how they follow a department merge. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, documentGrants, users } from '../db/schema';
import type { GrantLevel } from '../../shared/permissions';

export interface NamedGrant {
  department: { id: string; name: string } | null;
  user: { id: string; name: string } | null;
  level: GrantLevel;
}

/** The explicit grants of a document: departments first, then people, each by name. */
export async function listNamedGrants(db: Executor, documentId: string): Promise<NamedGrant[]> {
  const rows = await db
    .select({
      departmentId: documentGrants.departmentId,
      departmentName: departments.name,
      userId: documentGrants.userId,
      userName: users.name,
      level: documentGrants.level,
    })
    .from(documentGrants)
    .leftJoin(departments, eq(departments.id, documentGrants.departmentId))
    .leftJoin(users, eq(users.id, documentGrants.userId))
    .where(eq(documentGrants.documentId, documentId))
    .orderBy(sql`${documentGrants.departmentId} is null`, asc(departments.name), asc(users.name));
  return rows.map((r) => ({
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
    user: r.userId ? { id: r.userId, name: r.userName ?? '' } : null,
    level: r.level,
  }));
}

const rank = (level: unknown) => sql`case ${level} when 'edit' then 3 when 'comment' then 2 when 'view' then 1 else 0 end`;

/**
 * Move every grant of department `fromId` to `toId`. Where a document already grants `toId`,
 * the higher of the two levels is kept. Returns the ids of the documents concerned.
 */
export async function moveDepartmentGrants(db: Executor, fromId: string, toId: string): Promise<string[]> {
  const moved = await db
    .select({ documentId: documentGrants.documentId })
    .from(documentGrants)
    .where(eq(documentGrants.departmentId, fromId));
  // Raise the target's level where the source's was higher.
  await db.execute(sql`
    update ${documentGrants} as t set level = s.level
    from ${documentGrants} as s
    where s.department_id = ${fromId} and t.department_id = ${toId} and t.document_id = s.document_id
      and ${rank(sql`s.level`)} > ${rank(sql`t.level`)}`);
  // Drop source grants the target now covers, then re-point the rest.
  await db.execute(sql`
    delete from ${documentGrants} as s
    where s.department_id = ${fromId}
      and exists (select 1 from ${documentGrants} t where t.document_id = s.document_id and t.department_id = ${toId})`);
  await db.update(documentGrants).set({ departmentId: toId }).where(eq(documentGrants.departmentId, fromId));
  return [...new Set(moved.map((m) => m.documentId))];
}

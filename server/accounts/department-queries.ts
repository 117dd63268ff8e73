/** Reading and writing departments. Merged departments are kept (with `merged_into`) but never listed. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, userDepartments } from '../db/schema';

export interface DepartmentRow {
  id: string;
  name: string;
  mergedInto: string | null;
  createdAt: Date;
}

const columns = { id: departments.id, name: departments.name, mergedInto: departments.mergedInto, createdAt: departments.createdAt };

/** Active (not merged) departments by name. */
export const listActiveDepartments = (db: Executor) =>
  db.select(columns).from(departments).where(isNull(departments.mergedInto)).orderBy(asc(departments.name));

/** Active departments with how many people belong to each (the admin list). */
export const listDepartmentsWithCounts = (db: Executor) =>
  db
    .select({
      ...columns,
      memberCount: sql<number>`(select count(*) from user_departments ud where ud.department_id = ${departments.id})`.mapWith(Number),
    })
    .from(departments)
    .where(isNull(departments.mergedInto))
    .orderBy(asc(departments.name));

export async function findDepartment(db: Executor, departmentId: string): Promise<DepartmentRow | null> {
  const [row] = await db.select(columns).from(departments).where(eq(departments.id, departmentId));
  return row ?? null;
}

/** The active department with this name, compared case-insensitively (as the unique index does). */
export async function findActiveDepartmentByName(db: Executor, name: string): Promise<DepartmentRow | null> {
  const [row] = await db
    .select(columns)
    .from(departments)
    .where(and(isNull(departments.mergedInto), eq(sql`lower(${departments.name})`, name.toLowerCase())));
  return row ?? null;
}

/**
 * Which of these ids are active departments. Inside a transaction the rows are share-locked,
 * so a concurrent merge (which locks them for update) cannot retire one before the caller commits.
 */
export async function activeDepartmentIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(inArray(departments.id, [...ids]), isNull(departments.mergedInto)))
    .for('share');
  return new Set(rows.map((r) => r.id));
}

export async function insertDepartment(db: Executor, name: string): Promise<DepartmentRow> {
  const [row] = await db.insert(departments).values({ name }).returning(columns);
  return row!;
}

export async function renameDepartment(db: Executor, departmentId: string, name: string): Promise<DepartmentRow | null> {
  const [row] = await db.update(departments).set({ name }).where(eq(departments.id, departmentId)).returning(columns);
  return row ?? null;
}

/** Lock both rows (in id order, so two merges cannot deadlock) for the rest of the transaction. */
export async function lockDepartments(db: Executor, ids: readonly string[]): Promise<DepartmentRow[]> {
  return db
    .select(columns)
    .from(departments)
    .where(inArray(departments.id, [...ids]))
    .orderBy(asc(departments.id))
    .for('update');
}

/** Mark `sourceId` (and anything already merged into it) as merged into `targetId`. */
export async function markMerged(db: Executor, sourceId: string, targetId: string) {
  await db.update(departments).set({ mergedInto: targetId }).where(eq(departments.mergedInto, sourceId));
  await db.update(departments).set({ mergedInto: targetId }).where(eq(departments.id, sourceId));
}

/** Move every member of department `fromId` into `toId` (people in both keep one membership). */
export async function moveMembers(db: Executor, fromId: string, toId: string): Promise<string[]> {
  const moved = await db
    .delete(userDepartments)
    .where(eq(userDepartments.departmentId, fromId))
    .returning({ userId: userDepartments.userId, role: userDepartments.role });
  if (moved.length) {
    // Roles move with the people; someone already in the target keeps the higher role.
    await db
      .insert(userDepartments)
      .values(moved.map(({ userId, role }) => ({ userId, departmentId: toId, role })))
      .onConflictDoUpdate({
        target: [userDepartments.userId, userDepartments.departmentId],
        set: { role: sql`case when excluded.role = 'leader' then 'leader' else ${userDepartments.role} end` },
      });
  }
  return moved.map((m) => m.userId);
}

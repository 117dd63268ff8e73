/** Reading people as the rest of the server needs them. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, userDepartments, users } from '../db/schema';
import type { SessionUser } from '../http/env';
import type { Actor, DepartmentRole } from '../../shared/permissions';
import type { MembershipDto } from '../../shared/api';

/** An enabled user with their departments, or null (unknown or disabled). */
export async function loadSessionUser(db: Executor, userId: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin, isClerk: users.isClerk })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) return null;
  const depts = await db
    .select({ id: departments.id, name: departments.name, role: userDepartments.role })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(eq(userDepartments.userId, userId))
    .orderBy(departments.name);
  return {
    ...user,
    departments: depts,
    departmentIds: depts.map((d) => d.id),
    leaderDepartmentIds: depts.filter((d) => d.role === 'leader').map((d) => d.id),
  };
}

/* ---- Administration, sign-in and the directory (issue 2 REST API). ---- */

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isClerk: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  isClerk: users.isClerk,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

/** Sign-in lookup: the user with this email (case-insensitive), disabled or not. */
export async function findUserForLogin(db: Executor, email: string) {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

export async function anyUserExists(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

export async function findUser(db: Executor, userId: string): Promise<UserRecord | null> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function insertUser(db: Executor, values: { email: string; name: string; passwordHash: string; isAdmin: boolean; isClerk?: boolean }) {
  const [row] = await db.insert(users).values(values).returning(userColumns);
  return row!;
}

export async function updateUserRow(db: Executor, userId: string, values: { name?: string; isAdmin?: boolean; isClerk?: boolean; disabledAt?: Date | null }) {
  const [row] = await db.update(users).set(values).where(eq(users.id, userId)).returning(userColumns);
  return row ?? null;
}

export interface Membership {
  id: string;
  role: DepartmentRole;
}

/** Replaces a person's memberships (department and role in it). */
export async function setUserDepartments(db: Executor, userId: string, memberships: readonly Membership[]) {
  await db.delete(userDepartments).where(eq(userDepartments.userId, userId));
  if (memberships.length) {
    await db.insert(userDepartments).values(memberships.map(({ id: departmentId, role }) => ({ userId, departmentId, role })));
  }
}

export async function countEnabledAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

/** Department memberships of the given users (all users when omitted), grouped by user id. */
export async function departmentsByUser(db: Executor, userIds?: readonly string[]) {
  if (userIds && userIds.length === 0) return new Map<string, MembershipDto[]>();
  const rows = await db
    .select({ userId: userDepartments.userId, id: departments.id, name: departments.name, role: userDepartments.role })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(userIds ? inArray(userDepartments.userId, [...userIds]) : undefined)
    .orderBy(departments.name);
  const byUser = new Map<string, MembershipDto[]>();
  for (const { userId, id, name, role } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), { id, name, role }]);
  return byUser;
}

/** Everyone, for administrators (disabled people included). */
export const listAllUsers = (db: Executor) => db.select(userColumns).from(users).orderBy(asc(users.name), asc(users.email));

/** Enabled people, for the share dialog: ids and names only. */
export const listEnabledUsers = (db: Executor) =>
  db.select({ id: users.id, name: users.name, isClerk: users.isClerk }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name));

/** Which of these ids are existing users (disabled ones count: a grant to them is harmless and survives re-enabling). */
export async function existingUserIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** A person as the policy sees them (Actor) with their name. */
export interface NamedActor extends Actor {
  name: string;
}

/** Enabled people as policy actors: all of them, or those among `ids` (unknown/disabled left out). */
export async function enabledActors(db: Executor, ids?: readonly string[]): Promise<NamedActor[]> {
  if (ids && ids.length === 0) return [];
  const people = await db
    .select({ id: users.id, name: users.name, isAdmin: users.isAdmin, isClerk: users.isClerk })
    .from(users)
    .where(and(isNull(users.disabledAt), ids ? inArray(users.id, [...ids]) : undefined));
  const memberships = await departmentsByUser(db, ids ? people.map((p) => p.id) : undefined);
  return people.map((p) => {
    const depts = memberships.get(p.id) ?? [];
    return { ...p, departmentIds: depts.map((d) => d.id), leaderDepartmentIds: depts.filter((d) => d.role === 'leader').map((d) => d.id) };
  });
}

/** Ids of the current members of these departments. */
export async function memberIdsOf(db: Executor, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db.select({ userId: userDepartments.userId }).from(userDepartments).where(inArray(userDepartments.departmentId, [...departmentIds]));
  return [...new Set(rows.map((r) => r.userId))];
}

/** Reading people as the rest of the server needs them. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, userDepartments, users } from '../db/schema';
import type { SessionUser } from '../http/env';

/** An enabled user with their departments, or null (unknown or disabled). */
export async function loadSessionUser(db: Executor, userId: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) return null;
  const depts = await db
    .select({ id: departments.id, name: departments.name })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(eq(userDepartments.userId, userId))
    .orderBy(departments.name);
  return { ...user, departments: depts, departmentIds: depts.map((d) => d.id) };
}

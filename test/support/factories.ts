/**
 * Builds people, departments and documents straight in a test database, through the same
 * commands the routes use, and signs people in (a real session cookie).
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { departments, documentGrants, userDepartments, users } from '../../server/db/schema';
import { hashPassword } from '../../server/accounts/password';
import { createSession, sessionCookieName } from '../../server/accounts/sessions';
import { createDocument } from '../../server/documents/create-document';
import { loadSessionUser } from '../../server/accounts/user-queries';
import type { SessionUser } from '../../server/http/env';
import type { GrantLevel } from '../../shared/permissions';

const suffix = () => randomBytes(4).toString('hex');
export const testPassword = 'correct horse battery staple';

export async function makeDepartment(db: Database, name = `Department ${suffix()}`) {
  const [dept] = await db.insert(departments).values({ name }).returning();
  return dept!;
}

export interface TestUser extends SessionUser {
  password: string;
  /** `Cookie` header value carrying a fresh session. */
  cookie: string;
}

export async function makeUser(
  db: Database,
  options: {
    departmentIds?: string[];
    isAdmin?: boolean;
    isClerk?: boolean;
    /** Departments (among departmentIds, or added to them) where the person is a leader. */
    leaderOf?: string[];
    name?: string;
    email?: string;
  } = {},
): Promise<TestUser> {
  const leaderOf = options.leaderOf ?? [];
  const departmentIds = [...new Set([...(options.departmentIds ?? (leaderOf.length ? [] : [(await makeDepartment(db)).id])), ...leaderOf])];
  const tag = suffix();
  const [row] = await db
    .insert(users)
    .values({
      email: options.email ?? `user-${tag}@example.org`,
      name: options.name ?? `User ${tag}`,
      passwordHash: await hashPassword(testPassword),
      isAdmin: options.isAdmin ?? false,
      isClerk: options.isClerk ?? false,
    })
    .returning({ id: users.id });
  if (departmentIds.length) {
    await db
      .insert(userDepartments)
      .values(departmentIds.map((departmentId) => ({ userId: row!.id, departmentId, role: leaderOf.includes(departmentId) ? ('leader' as const) : ('member' as const) })));
  }
  const user = (await loadSessionUser(db, row!.id))!;
  return { ...user, password: testPassword, cookie: await signIn(db, row!.id) };
}

/** A new session for the user, as a `Cookie` header value. */
export async function signIn(db: Database, userId: string) {
  const { token } = await createSession(db, userId, 3_600_000);
  return `${sessionCookieName}=${token}`;
}

export const makeDocument = (db: Database, owner: SessionUser, title = `Draft ${suffix()}`) => createDocument(db, owner, title);

export async function grant(db: Database, documentId: string, subject: { userId: string } | { departmentId: string }, level: GrantLevel) {
  const where =
    'userId' in subject
      ? and(eq(documentGrants.documentId, documentId), eq(documentGrants.userId, subject.userId))
      : and(eq(documentGrants.documentId, documentId), eq(documentGrants.departmentId, subject.departmentId));
  await db.delete(documentGrants).where(where);
  await db.insert(documentGrants).values({ documentId, level, ...subject });
}

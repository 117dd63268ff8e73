/** Adds a person with a password and their departments (which must be active). */
import { hashPassword } from './password';
import type { Executor } from '../db/client';
import { conflict, validationFailed } from '../errors';
import { activeDepartmentIds } from './department-queries';
import { isUniqueViolation } from '../db/pg-errors';
import { insertUser, setUserDepartments, type Membership } from './user-queries';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  departments: readonly Membership[];
  isAdmin?: boolean;
  isClerk?: boolean;
  /** The request field the departments came in, for error paths (`departments` or `departmentIds`). */
  departmentsField?: string;
}

/** 400 naming each id that is not an active department (`field.index`). */
export async function assertActiveDepartments(db: Executor, ids: readonly string[], field = 'departmentIds') {
  const active = await activeDepartmentIds(db, ids);
  const issues = ids.flatMap((id, index) => (active.has(id) ? [] : [{ path: `${field}.${index}`, message: `no active department ${id}` }]));
  if (issues.length) throw validationFailed(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

export const duplicateEmail = (email: string) => conflict(`A user with the email ${email} already exists`);

export async function createUser(db: Executor, input: NewUser) {
  const passwordHash = await hashPassword(input.password); // before any transaction: scrypt takes a while
  try {
    return await db.transaction(async (tx) => {
      await assertActiveDepartments(tx, input.departments.map((d) => d.id), input.departmentsField ?? 'departments');
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, isAdmin: input.isAdmin ?? false, isClerk: input.isClerk ?? false });
      await setUserDepartments(tx, user.id, input.departments);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw duplicateEmail(input.email);
    throw error;
  }
}

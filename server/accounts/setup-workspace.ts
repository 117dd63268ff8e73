/**
 * First run: while nobody has an account, create the first administrator and their department
 * (reusing a department of that name if the CLI already added it). Race-safe: an advisory lock
 * makes concurrent attempts take turns, and every one after the first finds a user and gets 409.
 */
import { sql } from 'drizzle-orm';
import { hashPassword } from './password';
import type { Database } from '../db/client';
import { conflict } from '../errors';
import { findActiveDepartmentByName, insertDepartment } from './department-queries';
import { anyUserExists, insertUser, setUserDepartments } from './user-queries';
import type { SetupBody } from '../../shared/api';

const setupLockKey = 727_276;

export const setupDone = () => conflict('Codraft is already set up: sign in instead');

export async function setupWorkspace(db: Database, input: SetupBody) {
  if (await anyUserExists(db)) throw setupDone(); // cheap early answer; re-checked under the lock
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${setupLockKey})`);
    if (await anyUserExists(tx)) throw setupDone();
    const department = (await findActiveDepartmentByName(tx, input.department)) ?? (await insertDepartment(tx, input.department));
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, isAdmin: true });
    await setUserDepartments(tx, user.id, [{ id: department.id, role: 'member' }]);
    return user;
  });
}

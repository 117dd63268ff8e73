/** Checks an email and password. Unknown emails cost the same scrypt work as known ones. */
import type { Executor } from '../db/client';
import { findUserForLogin } from './user-queries';
import { dummyHash, verifyPassword } from './password';

/** The id of the enabled user with these credentials, or null (unknown, wrong password or disabled: alike). */
export async function verifyCredentials(db: Executor, email: string, password: string): Promise<string | null> {
  const user = await findUserForLogin(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? dummyHash, password);
  return user && matches && user.disabledAt === null ? user.id : null;
}

/**
 * Changes a person's name, departments, admin flag or enabled state. Disabling ends every
 * session at once. No change may leave the workspace without an enabled administrator.
 */
import { sql } from 'drizzle-orm';
import { invalidateUserSessions } from './sessions';
import type { Database } from '../db/client';
import { conflict, notFound } from '../errors';
import { countEnabledAdmins, findUser, setUserDepartments, updateUserRow } from './user-queries';
import { membershipsOf, type UpdateUserBody } from '../../shared/api';
import { assertActiveDepartments } from './create-user';

/** Serialises changes to who is an enabled admin (two admins demoting themselves at once). */
const adminLockKey = 727_275;

export async function updateUser(db: Database, userId: string, patch: UpdateUserBody) {
  return db.transaction(async (tx) => {
    const touchesAdmins = patch.isAdmin === false || patch.disabled === true;
    if (touchesAdmins) await tx.execute(sql`select pg_advisory_xact_lock(${adminLockKey})`);
    const before = await findUser(tx, userId);
    if (!before) throw notFound('User');
    const memberships = membershipsOf(patch);
    if (memberships) {
      await assertActiveDepartments(tx, memberships.map((m) => m.id), patch.departments ? 'departments' : 'departmentIds');
      await setUserDepartments(tx, userId, memberships);
    }
    const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (before.disabledAt ?? new Date()) : null;
    const columns = Object.fromEntries(
      Object.entries({ name: patch.name, isAdmin: patch.isAdmin, isClerk: patch.isClerk, disabledAt }).filter(([, v]) => v !== undefined),
    );
    const user = Object.keys(columns).length ? (await updateUserRow(tx, userId, columns))! : before;
    if (touchesAdmins && (await countEnabledAdmins(tx)) === 0) {
      throw conflict('This would leave no enabled administrator: make someone else an administrator first');
    }
    if (patch.disabled) await invalidateUserSessions(tx, userId);
    // Live connections depend on departments, the admin flag and the enabled state.
    // Roles (leader, clerk) decide what a person may do on a document too (annotate, sign).
    const accessChanged = memberships !== undefined || patch.isAdmin !== undefined || patch.isClerk !== undefined || patch.disabled !== undefined;
    return { user, accessChanged };
  });
}

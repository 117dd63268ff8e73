/**
 * People as the comments capability needs them: as policy actors (who may be mentioned or notified
 * decides on the same facts as every other access check), read through accounts' exported queries.
 */
import type { Executor } from '../db/client';
import { departmentsByUser, enabledActors, listAllUsers } from '../accounts/user-queries';
import { canView, type Actor, type DocumentFacts } from '../../shared/permissions';

/** Enabled users among `ids`, as actors (unknown and disabled ids are left out): accounts' one query. */
export const actorsOf = (db: Executor, ids: readonly string[]) => enabledActors(db, [...new Set(ids)]);

/** Everyone enabled who may view the draft, by name: whom `@` offers. */
export async function mentionablePeople(db: Executor, doc: DocumentFacts) {
  const [everyone, memberships] = await Promise.all([listAllUsers(db), departmentsByUser(db)]);
  const people: { id: string; name: string; departments: string[] }[] = [];
  for (const user of everyone) {
    if (user.disabledAt) continue;
    const depts = memberships.get(user.id) ?? [];
    const actor: Actor = {
      id: user.id,
      isAdmin: user.isAdmin,
      isClerk: user.isClerk,
      departmentIds: depts.map((d) => d.id),
      leaderDepartmentIds: depts.filter((d) => d.role === 'leader').map((d) => d.id),
    };
    if (canView(actor, doc)) people.push({ id: user.id, name: user.name, departments: depts.map((d) => d.name) });
  }
  return people;
}

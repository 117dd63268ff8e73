/** A dossier, and the caller's departments, as the dossier policy (shared/permissions/dossiers.ts) sees them in the client. */
import type { DossierFacts } from '../../shared/permissions/dossiers';
import type { User } from '../session/session';
import { policyActor } from '../session/actor';
import type { DossierDto } from './dossiers-api';

type Actor = ReturnType<typeof policyActor>;

/**
 * The departments `allowed` lets the caller act for: among their own, or among every department of
 * the directory for clerks and administrators (who act for any).
 */
export function departmentsFor(user: User, directory: readonly { id: string; name: string }[] | undefined, allowed: (actor: Actor, departmentId: string) => boolean) {
  const actor = policyActor(user);
  const all = actor.isAdmin || actor.isClerk ? (directory ?? []) : user.departments;
  return all.filter((d) => allowed(actor, d.id)).map((d) => ({ id: d.id, name: d.name }));
}

/**
 * The facts the policy decides on. Grants are not sent to the client; the actions shown depend only
 * on state, department and role (the server decides again on every request).
 */
export const dossierFacts = (d: DossierDto): DossierFacts => ({ departmentId: d.departmentId, creatorId: d.creatorId, state: d.state, grants: [] });

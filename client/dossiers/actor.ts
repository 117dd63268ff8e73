/** The signed-in user as the dossier policy (shared/permissions/dossiers.ts) sees them. */
import type { User } from '../session/session';
import type { DossierFacts } from '../../shared/permissions/dossiers';
import type { DossierDto } from './dossiers-api';

export const dossierActor = (user: User) => ({
  id: user.id,
  isAdmin: user.isAdmin,
  isClerk: user.isClerk,
  departmentIds: user.departments.map((d) => d.id),
  leaderDepartmentIds: user.departments.filter((d) => d.role === 'leader').map((d) => d.id),
});

/**
 * The facts the policy decides on. Grants are not sent to the client; the actions shown depend only
 * on state, department and role (the server decides again on every request).
 */
export const dossierFacts = (d: DossierDto): DossierFacts => ({ departmentId: d.departmentId, creatorId: d.creatorId, state: d.state, grants: [] });

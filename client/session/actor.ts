/**
 * The signed-in user as the policy module (shared/permissions) sees them, for deciding which
 * actions to show. The server decides again on every request.
 */
import type { User } from './session';

export const policyActor = (user: User) => ({
  id: user.id,
  isAdmin: user.isAdmin,
  isClerk: user.isClerk,
  departmentIds: user.departments.map((d) => d.id),
  leaderDepartmentIds: user.departments.filter((d) => d.role === 'leader').map((d) => d.id),
});

/**
 * Roles in the agency: a membership in a department is `member` or `leader` (head or deputy);
 * `isClerk` (văn thư) and `isAdmin` are agency-wide flags. Pure decisions on them.
 */
export const departmentRoles = ['member', 'leader'] as const;
export type DepartmentRole = (typeof departmentRoles)[number];

export interface RoleFacts {
  isAdmin: boolean;
  isClerk: boolean;
  /** Departments where the person is a leader (a subset of their departments). */
  leaderDepartmentIds: readonly string[];
}

/** Leads at least one department. */
export const isLeader = (actor: Pick<RoleFacts, 'leaderDepartmentIds'>) => actor.leaderDepartmentIds.length > 0;
export const isLeaderOf = (actor: Pick<RoleFacts, 'leaderDepartmentIds'>, departmentId: string) => actor.leaderDepartmentIds.includes(departmentId);
export const isClerk = (actor: Pick<RoleFacts, 'isClerk'>) => actor.isClerk;
/** Departments, users, keys and agency settings. */
export const canAdminister = (actor: Pick<RoleFacts, 'isAdmin'>) => actor.isAdmin;

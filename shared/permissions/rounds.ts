/**
 * Who may do what with consultation rounds (issue 9). Pure functions; the server loads the facts.
 *  - open: anyone who may edit the draft; they become the round's presiding officer;
 *  - see: whoever may view the draft, and the members of consulted departments and consulted people
 *    (they hold comment access while the round is open; afterwards they still see the round they answered);
 *  - respond for a department: the round is open, the department is consulted, the person is its
 *    leader — or any member when the department has no leader;
 *  - close: the presiding officer or an administrator, while open;
 *  - dispositions: anyone who may edit the draft, while the round is open (closing seals them).
 */
import { canEdit, canView, type Actor, type DocumentFacts } from './documents';

export interface RoundFacts {
  state: 'open' | 'closed';
  presidingOfficerId: string;
  departmentIds: readonly string[];
  userIds: readonly string[];
}

export const isConsulted = (actor: Pick<Actor, 'id' | 'departmentIds'>, round: RoundFacts) =>
  round.userIds.includes(actor.id) || actor.departmentIds.some((d) => round.departmentIds.includes(d));

export const canOpenRound = (actor: Actor, doc: DocumentFacts) => canEdit(actor, doc);

export const canViewRound = (actor: Actor, doc: DocumentFacts, round: RoundFacts) =>
  canView(actor, doc) || round.presidingOfficerId === actor.id || isConsulted(actor, round);

/**
 * May submit the response of `departmentId`. `departmentHasLeader`: whether that department has a
 * leader at all (when it has none, any member may answer).
 */
export const canRespond = (actor: Actor, round: RoundFacts, departmentId: string, departmentHasLeader: boolean) =>
  round.state === 'open' &&
  round.departmentIds.includes(departmentId) &&
  actor.departmentIds.includes(departmentId) &&
  (actor.leaderDepartmentIds.includes(departmentId) || !departmentHasLeader);

export const canCloseRound = (actor: Pick<Actor, 'id' | 'isAdmin'>, round: Pick<RoundFacts, 'state' | 'presidingOfficerId'>) =>
  round.state === 'open' && (round.presidingOfficerId === actor.id || actor.isAdmin);

export const canSetDisposition = (actor: Actor, doc: DocumentFacts, round: Pick<RoundFacts, 'state'>) => round.state === 'open' && canEdit(actor, doc);

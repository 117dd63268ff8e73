/**
 * Who may do what with a work dossier (hồ sơ công việc). A dossier belongs to a department:
 * its members see it; others through grants; administrators and clerks (who file records and
 * hand dossiers over) see all. Records inside keep their own rules (canViewRecord): seeing a
 * dossier never reveals a record one may not view. The SQL filter of search
 * (server/search/visibility.ts) mirrors canViewDossier; a test proves they agree.
 */
import type { RoleFacts } from './accounts';

interface DossierActor extends RoleFacts {
  id: string;
  departmentIds: readonly string[];
}

export interface DossierFacts {
  departmentId: string;
  creatorId: string;
  state: 'open' | 'closed' | 'handed_over';
  grants: readonly { departmentId?: string | null; userId?: string | null }[];
}

export const canViewDossier = (actor: DossierActor, dossier: DossierFacts) =>
  actor.isAdmin ||
  actor.isClerk ||
  actor.departmentIds.includes(dossier.departmentId) ||
  dossier.grants.some((g) => (g.userId != null && g.userId === actor.id) || (g.departmentId != null && actor.departmentIds.includes(g.departmentId)));

/** Open a dossier for a department: its members, clerks and administrators. */
export const canCreateDossier = (actor: DossierActor, departmentId: string) =>
  actor.isAdmin || actor.isClerk || actor.departmentIds.includes(departmentId);

/** File records, close: the department's members, clerks and administrators; only while open. */
export const canFileIntoDossier = (actor: DossierActor, dossier: DossierFacts) =>
  dossier.state === 'open' && (actor.isAdmin || actor.isClerk || actor.departmentIds.includes(dossier.departmentId));
export const canCloseDossier = canFileIntoDossier;

/** Reopening a closed dossier needs an administrator (and is audited). */
export const canReopenDossier = (actor: DossierActor, dossier: DossierFacts) => dossier.state === 'closed' && actor.isAdmin;

/** Hand over to the archive: clerks and administrators, once closed. */
export const canHandOverDossier = (actor: DossierActor, dossier: DossierFacts) => dossier.state === 'closed' && (actor.isAdmin || actor.isClerk);

/** Download the handover package: whoever may hand it over, also after. */
export const canExportDossier = (actor: DossierActor, dossier: DossierFacts) => dossier.state !== 'open' && (actor.isAdmin || actor.isClerk);

/** The annual list: read by the department's members, written by its leaders, clerks and admins. */
export const canViewDossierPlan = (actor: DossierActor, departmentId: string) =>
  actor.isAdmin || actor.isClerk || actor.departmentIds.includes(departmentId);
export const canEditDossierPlan = (actor: DossierActor, departmentId: string) =>
  actor.isAdmin || actor.isClerk || actor.leaderDepartmentIds.includes(departmentId);

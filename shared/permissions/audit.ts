/**
 * Who may browse the audit trail: administrators all of it; clerks (văn thư) the events about
 * records (record downloads, filing, dossiers, issuance, registers, handovers); nobody else.
 */
import type { RoleFacts } from './accounts';

export type AuditScope = 'all' | 'records' | 'none';

/**
 * Action prefixes a clerk may see: records (freezing, downloads), dossiers, issuance, registers and
 * document types, and the trail's own exports. They name the actions the routes record
 * (`document.issue`, not a separate `issuance.` family).
 */
export const recordsAuditPrefixes = ['record.', 'document.freeze', 'document.issue', 'dossier.', 'register.', 'document_type.', 'audit.'] as const;

export const auditScope = (actor: Pick<RoleFacts, 'isAdmin' | 'isClerk'>): AuditScope =>
  actor.isAdmin ? 'all' : actor.isClerk ? 'records' : 'none';

export const canBrowseAudit = (actor: Pick<RoleFacts, 'isAdmin' | 'isClerk'>) => auditScope(actor) !== 'none';

/** Whether one event is within what the actor may browse (the SQL filter in server/audit mirrors it). */
export const canSeeAuditAction = (actor: Pick<RoleFacts, 'isAdmin' | 'isClerk'>, action: string) => {
  const scope = auditScope(actor);
  return scope === 'all' || (scope === 'records' && recordsAuditPrefixes.some((p) => action.startsWith(p)));
};

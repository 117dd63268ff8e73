/**
 * Who may fetch a ledger record (bundle, verification, export). A record about a draft follows the
 * draft's access; an agency-wide record (audit anchor, key certificate…) is for administrators and
 * clerks. Kinds with their own audience extend `canViewRecord` here.
 */
import { canView, type Actor, type DocumentFacts } from './documents';

export interface RecordFacts {
  kind: string;
  /** The draft the record concerns, when it concerns one (its current access facts). */
  document: DocumentFacts | null;
}

export function canViewRecord(actor: Actor, record: RecordFacts): boolean {
  // An issued document's record is also the clerk's (they registered it), as in canViewSubmission.
  if (record.document) return canView(actor, record.document) || (record.kind === 'document.issued' && actor.isClerk);
  return actor.isAdmin || actor.isClerk;
}

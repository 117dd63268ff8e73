/**
 * Who may do what with a document: access levels from grants, finalisation, managing access.
 * Pure functions; the server loads the facts, these decide.
 */
import type { RoleFacts } from './accounts';

export const accessLevels = ['view', 'comment', 'edit'] as const;
export type GrantLevel = (typeof accessLevels)[number];
export type AccessLevel = 'none' | GrantLevel;

const rank: Record<AccessLevel, number> = { none: 0, view: 1, comment: 2, edit: 3 };

export const atLeast = (level: AccessLevel, required: AccessLevel) => rank[level] >= rank[required];
export const maxLevel = (a: AccessLevel, b: AccessLevel): AccessLevel => (rank[a] >= rank[b] ? a : b);

export interface Actor extends RoleFacts {
  id: string;
  departmentIds: readonly string[];
}

export interface Grant {
  departmentId?: string | null;
  userId?: string | null;
  level: GrantLevel;
}

export interface DocumentFacts {
  createdBy: string;
  /** A final version was frozen: content and title are read-only for everyone. */
  finalized: boolean;
  grants: readonly Grant[];
}

/** The level an actor holds on a document, ignoring finalisation. */
export function accessLevel(actor: Actor, doc: DocumentFacts): AccessLevel {
  if (actor.isAdmin || doc.createdBy === actor.id) return 'edit';
  let level: AccessLevel = 'none';
  for (const grant of doc.grants) {
    const applies =
      (grant.userId != null && grant.userId === actor.id) ||
      (grant.departmentId != null && actor.departmentIds.includes(grant.departmentId));
    if (applies) level = maxLevel(level, grant.level);
  }
  return level;
}

export const canView = (actor: Actor, doc: DocumentFacts) => atLeast(accessLevel(actor, doc), 'view');
export const canComment = (actor: Actor, doc: DocumentFacts) => atLeast(accessLevel(actor, doc), 'comment');
/** May change the content or the title (live editing, rename, restore). */
export const canEdit = (actor: Actor, doc: DocumentFacts) => !doc.finalized && atLeast(accessLevel(actor, doc), 'edit');
/** May freeze a version (issue 4): editors, until a final version exists. */
export const canFreeze = canEdit;
/** May see and change who has access: the creator and administrators. */
export const canManageAccess = (actor: Actor, doc: DocumentFacts) => actor.isAdmin || doc.createdBy === actor.id;
/** May archive a draft (the UI's "delete": hidden, records kept) and bring it back: the creator and administrators. */
export const canArchive = (actor: Actor, doc: DocumentFacts) => canManageAccess(actor, doc);

/** What the API answers with: rows turned into the JSON shapes of shared/api.ts. */
import type { SessionUser } from './env';
import type { DocumentDetails } from '../documents/document-queries';
import type { NamedGrant } from '../documents/document-grants';
import type { UserRecord } from '../accounts/user-queries';
import { accessLevel, canArchive, canManageAccess, type Actor } from '../../shared/permissions';
import type { AdminUserDto, DocumentDto, GrantDto, MembershipDto, UserDto } from '../../shared/api';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentUser = (u: SessionUser): UserDto => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isAdmin: u.isAdmin,
  isClerk: u.isClerk,
  departments: u.departments,
});

export const presentAdminUser = (u: UserRecord, departments: MembershipDto[]): AdminUserDto => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isAdmin: u.isAdmin,
  isClerk: u.isClerk,
  departments,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** A document as `actor` sees it; call only for documents the actor may view. */
export function presentDocument(doc: DocumentDetails, actor: Actor): DocumentDto {
  const access = accessLevel(actor, doc);
  if (access === 'none') throw new Error('presentDocument called for a document the actor cannot view');
  return {
    id: doc.id,
    title: doc.title,
    departmentId: doc.departmentId,
    department: doc.department,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    lastEditedAt: iso(doc.lastEditedAt),
    lastEditedBy: doc.lastEditor,
    access,
    canManageAccess: canManageAccess(actor, doc),
    finalizedAt: iso(doc.finalizedAt),
    archivedAt: iso(doc.archivedAt),
    canArchive: canArchive(actor, doc),
  };
}

export const presentGrant = (g: NamedGrant): GrantDto =>
  g.department ? { department: g.department, level: g.level } : { user: g.user!, level: g.level };

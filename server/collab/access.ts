/**
 * What a user may do on a document's websocket, decided only by shared/permissions.ts over the
 * facts the server loads: edit (updates applied), read (updates received, own updates dropped), or
 * nothing. Viewers and commenters read; a finalised document is read-only for everyone.
 */
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { canEdit, canView, type Actor, type DocumentFacts } from '../../shared/permissions';

export type SocketAccess = 'edit' | 'read';

export function socketAccess(actor: Actor, facts: DocumentFacts | null): SocketAccess | null {
  if (!facts || !canView(actor, facts)) return null;
  return canEdit(actor, facts) ? 'edit' : 'read';
}

/** Loads the facts and decides; null when the document does not exist or may not be seen. */
export async function loadSocketAccess(db: Executor, user: SessionUser, documentId: string): Promise<SocketAccess | null> {
  return socketAccess(user, await loadDocumentFacts(db, documentId));
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

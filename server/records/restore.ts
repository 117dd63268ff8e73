/**
 * Restoring a version: the draft's content becomes equal to a frozen version's, as a new ordinary
 * edit made by the server (history is never rewritten; connected clients receive it live).
 * The stored content must still match its signed entry, or we refuse to spread a tampered copy.
 */
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { canEdit, canView } from '../../shared/permissions';
import { sha256Hex } from '../../shared/records';
import { loadRecord, loadVersion, type VersionRow } from './versions';

export async function restoreVersion(
  deps: { db: Database; collab: CollabService },
  actor: SessionUser,
  documentId: string,
  versionId: string,
): Promise<VersionRow> {
  const { db, collab } = deps;
  // Not interleaved with a final freeze of the same document: the checks below see its outcome.
  return collab.exclusive(documentId, async () => {
    const doc = await loadDocumentFacts(db, documentId);
    if (!doc || !canView(actor, doc)) throw notFound('Document');
    if (doc.finalized) throw conflict('This document is finalized: it can no longer be changed');
    if (!canEdit(actor, doc)) throw forbidden('Only people who may edit this document may restore a version');

    const version = await loadVersion(db, versionId);
    if (!version || version.documentId !== documentId) throw notFound('Version');
    const record = await loadRecord(db, version.entry.seq);
    if (!record || sha256Hex(record.json) !== version.entry.contentSha256) {
      throw conflict(`The stored content of version ${version.entry.version} does not match its signed record: run codraft verify`);
    }
    const json = JSON.parse(record.json) as Record<string, unknown>;
    const { replaceYDocContent } = await import('../../shared/records/derive'); // loaded on first use
    await collab.applyServerEdit(documentId, (ydoc) => replaceYDocContent(ydoc, json));
    return version;
  });
}

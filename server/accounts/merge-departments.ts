/**
 * Merges one department into another, as happens when units are reorganised: its members, its
 * document grants (keeping the higher level where both had one) and the documents it owns all
 * move to the target. The merged department stays, marked `merged_into`, so history that names
 * it still resolves; it is no longer listed or assignable. Nobody loses access to anything.
 */
import type { Database } from '../db/client';
import { badRequest, notFound } from '../errors';
import { lockDepartments, markMerged, moveMembers } from './department-queries';
import { moveDepartmentGrants } from '../documents/document-grants';
import { moveDocumentsToDepartment } from '../documents/document-queries';
import { moveDepartmentOwned, recordHistory } from '../dossiers/reorganise';

export interface MergeResult {
  target: { id: string; name: string };
  /** People whose memberships changed (live connections must be re-checked). */
  movedUserIds: string[];
  /** Documents whose grants or owning department changed. */
  documentIds: string[];
}

export async function mergeDepartments(db: Database, sourceId: string, targetId: string): Promise<MergeResult> {
  if (sourceId === targetId) throw badRequest('mergeInto: a department cannot be merged into itself');
  return db.transaction(async (tx) => {
    const locked = await lockDepartments(tx, [sourceId, targetId]);
    const source = locked.find((d) => d.id === sourceId);
    const target = locked.find((d) => d.id === targetId);
    if (!source || source.mergedInto) throw notFound('Department');
    if (!target || target.mergedInto) throw badRequest(`mergeInto: no active department ${targetId}`);

    const movedUserIds = await moveMembers(tx, sourceId, targetId);
    const grantDocs = await moveDepartmentGrants(tx, sourceId, targetId);
    const ownedDocs = await moveDocumentsToDepartment(tx, sourceId, targetId);
    // Dossiers, annual lists and other department-owned rows (server/dossiers/reorganise.ts).
    const moved = await moveDepartmentOwned(tx, sourceId, targetId);
    await recordHistory(tx, 'merged_into', sourceId, targetId, { ...moved, drafts: ownedDocs.length, draftGrants: grantDocs.length, members: movedUserIds.length }, null);
    await markMerged(tx, sourceId, targetId);
    const documentIds = [...new Set([...grantDocs, ...ownedDocs.map((d) => d.id)])];
    return { target: { id: target.id, name: target.name }, movedUserIds, documentIds };
  });
}

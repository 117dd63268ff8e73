/**
 * Freezing a version: the draft's current server state becomes a signed record entry.
 *
 *   1. policy: viewers and commenters may not freeze (403); a finalized draft may not (409)
 *   2. `final`: mark the draft finalized first and tell collab, so no edit slips in between the
 *      read and the seal (undone if freezing fails)
 *   3. collab.readState: pending updates flushed, exactly what connected clients saw confirmed
 *   4. derive ProseMirror JSON, HTML, text from the Yjs state with the shared editor schema
 *   5. one transaction: store the content, append the entry (sign, extend tree, sign tree head)
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { documents, recordContents, yjsStateToDb } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { canFreeze, canView } from '../../shared/permissions';
import { sha256Hex, type FreezeVersionBody } from '../../shared/records';
import { contentFromYjsState } from '../../shared/records/derive';
import { appendEntry, type Appended, type EntryDraft } from './append';
import type { Signer } from './signer';

export interface FreezeDeps {
  db: Database;
  collab: CollabService;
  signer: Signer;
}

/** The department a person froze in: the document's own if they belong to it, else their first. */
const departmentFor = (actor: SessionUser, documentDepartmentId: string) =>
  actor.departments.find((d) => d.id === documentDepartmentId) ?? actor.departments[0] ?? null;

export async function freezeVersion(deps: FreezeDeps, actor: SessionUser, documentId: string, body: FreezeVersionBody): Promise<Appended> {
  const { db, collab } = deps;
  const doc = await loadDocumentFacts(db, documentId);
  if (!doc || !canView(actor, doc)) throw notFound('Document');
  if (doc.finalized) throw conflict('This document is finalized: a final version exists and nothing more can be frozen');
  if (!canFreeze(actor, doc)) throw forbidden('Only people who may edit this document may freeze a version');

  const finalizing = body.final === true;
  if (finalizing) {
    const marked = await db
      .update(documents)
      .set({ finalizedAt: new Date() })
      .where(and(eq(documents.id, documentId), isNull(documents.finalizedAt)))
      .returning({ id: documents.id });
    if (marked.length === 0) throw conflict('This document was just finalized by someone else');
    await collab.accessChanged(documentId);
  }
  try {
    // The key lookup (a query) overlaps the flush and read of the state.
    const [state, key] = await Promise.all([collab.readState(documentId), deps.signer.current()]);
    const content = contentFromYjsState(state);
    const department = departmentFor(actor, doc.departmentId);
    const draft: EntryDraft = {
      documentId,
      label: body.label,
      note: body.note || null,
      title: doc.title,
      contentSha256: sha256Hex(content.canonicalJson),
      htmlSha256: sha256Hex(content.html),
      textSha256: sha256Hex(content.text),
      yjsSha256: sha256Hex(state),
      frozenBy: { id: actor.id, name: actor.name, department: department ? { id: department.id, name: department.name } : null },
      final: finalizing,
    };
    return await db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(recordContents)
        .values({ documentId, json: content.canonicalJson, html: content.html, text: content.text, yjsState: yjsStateToDb(state) })
        .returning({ id: recordContents.id });
      return appendEntry(tx, { draft, contentId: stored!.id, key });
    });
  } catch (error) {
    if (finalizing) {
      await db.update(documents).set({ finalizedAt: null }).where(eq(documents.id, documentId));
      await collab.accessChanged(documentId);
    }
    throw error;
  }
}

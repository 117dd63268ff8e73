/**
 * Freezing a version: the draft's current server state becomes a signed record entry.
 *
 *   1. policy: viewers and commenters may not freeze (403); a finalized draft may not (409)
 *   2. one freeze or restore of a document at a time (collab.exclusive)
 *   3. the state: for a final version, live edits are held back first (collab.holdEdits) so none
 *      slips in between the read and the seal; otherwise collab.readState. Either way pending
 *      updates are flushed: exactly what connected clients saw confirmed
 *   4. derive ProseMirror JSON, HTML, text from the Yjs state with the shared editor schema
 *   5. one transaction: lock the document row (title and finalisation read under it), mark it
 *      finalized when final, store the content, append the entry (sign, extend tree, sign tree
 *      head). A failure or a crash anywhere leaves neither the flag nor the entry.
 *   6. after commit, for a final version: collab re-checks access (editors' sockets close 4403),
 *      then the held edits are released (meeting read-only sockets, so dropped)
 */
import { eq } from 'drizzle-orm';
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { documents, recordContents, yjsStateToDb } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { canFreeze, canView } from '../../shared/permissions';
import { sha256Hex, type FreezeVersionBody } from '../../shared/records';
import { appendEntry, type Appended, type EntryDraft } from './append';
import type { Signer } from './signer';
import { saveThreadsSnapshot, snapshotThreads } from '../comments/threads-snapshot';
import { threadsSha256 } from '../../shared/comments/snapshot';

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
  return collab.exclusive(documentId, async () => {
    const held = finalizing ? await collab.holdEdits(documentId) : null;
    try {
      // The key lookup (a query) overlaps the flush and read of the state.
      const [state, key] = await Promise.all([held ? held.state : collab.readState(documentId), deps.signer.current()]);
      // The editor schema and HTML rendering (TipTap, ProseMirror) load on the first freeze, not at startup.
      const { contentFromYjsState } = await import('../../shared/records/derive');
      const content = contentFromYjsState(state);
      const department = departmentFor(actor, doc.departmentId);
      const appended = await db.transaction(async (tx) => {
        // Under the row lock: a title change or another finalisation waits for us, then sees ours.
        const [current] = await tx
          .select({ title: documents.title, finalizedAt: documents.finalizedAt })
          .from(documents)
          .where(eq(documents.id, documentId))
          .for('update');
        if (!current) throw notFound('Document');
        if (current.finalizedAt) throw conflict('This document was just finalized by someone else');
        if (finalizing) await tx.update(documents).set({ finalizedAt: new Date() }).where(eq(documents.id, documentId));
        // The threads as they are now, anchors read in the frozen state (issue 8): hashed into the entry.
        const threads = await snapshotThreads(tx, documentId, state);
        const draft: EntryDraft = {
          documentId,
          label: body.label,
          note: body.note || null,
          title: current.title,
          contentSha256: sha256Hex(content.canonicalJson),
          htmlSha256: sha256Hex(content.html),
          textSha256: sha256Hex(content.text),
          yjsSha256: sha256Hex(state),
          frozenBy: { id: actor.id, name: actor.name, department: department ? { id: department.id, name: department.name } : null },
          final: finalizing,
          threadsSha256: threadsSha256(threads),
        };
        const [stored] = await tx
          .insert(recordContents)
          .values({ documentId, json: content.canonicalJson, html: content.html, text: content.text, yjsState: yjsStateToDb(state) })
          .returning({ id: recordContents.id });
        const appendedEntry = await appendEntry(tx, { draft, contentId: stored!.id, key });
        await saveThreadsSnapshot(tx, appendedEntry.entry.seq, threads);
        return appendedEntry;
      });
      if (finalizing) await collab.accessChanged(documentId);
      return appended;
    } finally {
      await held?.release();
    }
  });
}

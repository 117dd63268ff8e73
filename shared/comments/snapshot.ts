/**
 * The threads of a draft as frozen with a version (issue 8): a canonical snapshot whose RFC 8785
 * JSON is hashed into the record entry (`threadsSha256`) and carried in the record bundle
 * (`threads`). Open and resolved threads, comments and annotations, each anchor's text at the
 * moment of freezing. Deleted comments appear as deleted, without their text. No I/O.
 *
 *   {format: "codraft.threads", v: 1, documentId, threads: [
 *     {id, kind, state, anchor: {status, exact}, createdBy: {id, name}, createdAt,
 *      resolvedBy: {id, name} | null, resolvedAt,
 *      comments: [{id, author: {id, name, department: {id, name} | null, role}, body,
 *                  mentions: [{id, name}], createdAt, editedAt, deletedAt}]}]}
 * Threads in creation order (then id); comments in creation order. Times are RFC 3339 UTC with ms.
 */
import { z } from 'zod';
import { canonicalSha256 } from '../records/canonical';
import type { ThreadDto } from './api';

export const threadsSnapshotFormat = 'codraft.threads';

const person = z.strictObject({ id: z.string().min(1), name: z.string() });
const time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'RFC 3339 UTC timestamp');

export const threadsSnapshotSchema = z.strictObject({
  format: z.literal(threadsSnapshotFormat),
  v: z.literal(1),
  documentId: z.string().min(1),
  threads: z.array(
    z.strictObject({
      id: z.string().min(1),
      kind: z.enum(['comment', 'annotation']),
      state: z.enum(['open', 'resolved']),
      anchor: z.strictObject({ status: z.enum(['attached', 'orphaned', 'document']), exact: z.string() }),
      createdBy: person,
      createdAt: time,
      resolvedBy: person.nullable(),
      resolvedAt: time.nullable(),
      comments: z.array(
        z.strictObject({
          id: z.string().min(1),
          author: z.strictObject({ id: z.string().min(1), name: z.string(), department: person.nullable(), role: z.enum(['member', 'leader', 'admin']) }),
          body: z.string(),
          mentions: z.array(person),
          createdAt: time,
          editedAt: time.nullable(),
          deletedAt: time.nullable(),
        }),
      ),
    }),
  ),
});
export type ThreadsSnapshot = z.infer<typeof threadsSnapshotSchema>;

/** The snapshot of these threads (as the API presents them) in canonical order. */
export function threadsSnapshot(documentId: string, threads: readonly ThreadDto[]): ThreadsSnapshot {
  const ordered = [...threads].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  return {
    format: threadsSnapshotFormat,
    v: 1,
    documentId,
    threads: ordered.map((t) => ({
      id: t.id,
      kind: t.kind,
      state: t.state,
      anchor: { status: t.anchor.status, exact: t.anchor.exact },
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      resolvedBy: t.resolvedBy,
      resolvedAt: t.resolvedAt,
      comments: t.comments.map((c) => ({
        id: c.id,
        author: { id: c.author.id, name: c.author.name, department: c.author.department, role: c.author.role },
        body: c.deletedAt ? '' : c.body,
        mentions: c.mentions,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
        deletedAt: c.deletedAt,
      })),
    })),
  };
}

export const threadsSha256 = (snapshot: ThreadsSnapshot) => canonicalSha256(snapshot);

/**
 * The threads check of a record bundle: `null` when neither the entry nor the bundle speaks of
 * threads (entries frozen before snapshots existed verify as before); otherwise pass or fail.
 */
export function checkThreads(entryHash: string | undefined, threads: unknown, documentId: string): { ok: boolean; detail: string } | null {
  if (entryHash === undefined && threads === undefined) return null;
  if (entryHash === undefined) return { ok: false, detail: 'the bundle carries threads the entry does not commit to' };
  if (threads === undefined) return { ok: false, detail: 'the entry commits to a threads snapshot the bundle does not carry' };
  const parsed = threadsSnapshotSchema.safeParse(threads);
  if (!parsed.success) {
    const summary = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(threads)'}: ${i.message}`).join('; ');
    return { ok: false, detail: `threads snapshot is malformed: ${summary}` };
  }
  if (parsed.data.documentId !== documentId) return { ok: false, detail: `threads snapshot is of document ${parsed.data.documentId}, the entry of ${documentId}` };
  let actual: string;
  try {
    actual = canonicalSha256(threads);
  } catch (error) {
    return { ok: false, detail: `threads snapshot cannot be hashed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const count = parsed.data.threads.length;
  return actual === entryHash
    ? { ok: true, detail: `${count} thread${count === 1 ? '' : 's'} hash to ${actual}` }
    : { ok: false, detail: `threads snapshot hashes to ${actual}, the entry says ${entryHash}` };
}

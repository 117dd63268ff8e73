/**
 * The threads a round received: comment threads on the draft started during the round (from its
 * opening to its closing) by a member of a consulted department or a consulted person. They are
 * linked to the round by these facts alone — no column in the comments tables — so nothing the
 * comments capability does needs to know about rounds. Each thread's department is the one its
 * author wrote for when that department is consulted, else the author's consulted department.
 *
 * The part of the draft is computed from the anchor's position in the current draft (the room's
 * Y.Doc: top-level blocks → shared/rounds/part-of-draft.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { CollabService } from '../collab/service';
import type { Executor } from '../db/client';
import { userDepartments } from '../db/schema';
import { listCommentRows, listThreadRows, type CommentRow, type ThreadRow } from '../comments/thread-queries';
import type { LoadedRound } from './queries';
import { resolveAnchor } from '../../shared/comments/anchors';
import { draftFragmentName, flatten } from '../../shared/comments/flat-text';
import { partOfDraft, type DraftBlock } from '../../shared/rounds/part-of-draft';
import type { PartOfDraft } from '../../shared/rounds/api';

export interface RoundThread {
  thread: ThreadRow;
  first: CommentRow;
  replies: CommentRow[];
  department: { id: string; name: string } | null;
}

export async function roundThreads(db: Executor, round: LoadedRound): Promise<RoundThread[]> {
  const until = round.closedAt ?? new Date(8.64e15);
  const threads = (await listThreadRows(db, round.documentId, { kind: 'comment' })).filter((t) => t.createdAt >= round.openedAt && t.createdAt <= until);
  if (threads.length === 0) return [];
  const comments = await listCommentRows(db, threads.map((t) => t.id));
  const byThread = new Map<string, CommentRow[]>();
  for (const c of comments) byThread.set(c.threadId, [...(byThread.get(c.threadId) ?? []), c]);
  const authors = [...new Set(threads.map((t) => t.createdBy))];
  const memberships = round.departmentIds.length
    ? await db
        .select({ userId: userDepartments.userId, departmentId: userDepartments.departmentId })
        .from(userDepartments)
        .where(and(inArray(userDepartments.userId, authors), inArray(userDepartments.departmentId, [...round.departmentIds])))
    : [];
  const nameOf = new Map(round.consulted.map((c) => [c.departmentId, c.name]));
  const out: RoundThread[] = [];
  for (const thread of threads) {
    const [first, ...replies] = byThread.get(thread.id) ?? [];
    if (!first || first.authorId !== thread.createdBy) continue;
    const wroteFor = first.authorDepartmentId && nameOf.has(first.authorDepartmentId) ? first.authorDepartmentId : null;
    const member = memberships.find((m) => m.userId === thread.createdBy)?.departmentId ?? null;
    const departmentId = wroteFor ?? member;
    if (!departmentId && !round.userIds.includes(thread.createdBy)) continue;
    const department = departmentId
      ? { id: departmentId, name: nameOf.get(departmentId)! }
      : first.authorDepartmentId
        ? { id: first.authorDepartmentId, name: first.authorDepartmentName ?? '' }
        : null;
    out.push({ thread, first, replies: replies.filter((r) => !r.deletedAt), department });
  }
  return out;
}

/** Top-level blocks of the draft with their start offsets in the flat text. */
function blocksOf(doc: Y.Doc) {
  const flat = flatten(doc);
  const fragment = doc.getXmlFragment(draftFragmentName);
  const children = fragment.toArray();
  const starts = children.map((_, i) => flat.offsetOf(fragment as unknown as Y.AbstractType<unknown>, i) ?? 0);
  starts.push(flat.text.length);
  const blocks: DraftBlock[] = children.map((child, i) => ({
    type: child instanceof Y.XmlElement ? child.nodeName : 'text',
    text: flat.text.slice(starts[i], starts[i + 1]).trim(),
  }));
  return { flat, blocks, starts };
}

/** The part of the draft of each thread, by id. */
export async function partsOfDraft(collab: CollabService, documentId: string, threads: readonly ThreadRow[]): Promise<Map<string, PartOfDraft>> {
  const parts = new Map<string, PartOfDraft>();
  const anchored = threads.filter((t) => t.anchorStart && t.anchorEnd);
  for (const t of threads) if (!t.anchorStart) parts.set(t.id, { kind: 'document' });
  if (anchored.length === 0) return parts;
  await collab.readDocument(documentId, (doc) => {
    const { flat, blocks, starts } = blocksOf(doc);
    for (const t of anchored) {
      const resolved = resolveAnchor(doc, flat, { start: t.anchorStart!, end: t.anchorEnd!, exact: t.anchorExact, prefix: t.anchorPrefix, suffix: t.anchorSuffix });
      if (resolved.status !== 'attached') {
        parts.set(t.id, { kind: 'orphaned' });
        continue;
      }
      let index = 0;
      while (index + 1 < blocks.length && starts[index + 1]! <= resolved.from) index++;
      parts.set(t.id, partOfDraft(blocks, index));
    }
  });
  return parts;
}

/**
 * Anchors against the live draft: the room's Y.Doc (collab.readDocument) → flat text → each
 * thread's passage (shared/comments/anchors.ts). Passages that moved, grew or were re-attached are
 * written back (one statement), so an orphan keeps the text it had last and re-attaches by it,
 * also after a restart; a re-attachment is signalled to everyone with the draft open.
 */
import type * as Y from 'yjs';
import type { CollabService } from '../collab/service';
import type { Executor } from '../db/client';
import { unprocessable } from './errors';
import { signalThreadsChanged } from './live';
import { saveAnchors, type AnchorRefresh, type ThreadRow } from './thread-queries';
import { anchorRange, findQuote, positionKnown, resolveAnchor, type StoredAnchor } from '../../shared/comments/anchors';
import { flattenCached } from '../../shared/comments/flat-text';
import type { AnchorStatus, ThreadAnchorInput } from '../../shared/comments/api';

export interface CurrentAnchor {
  status: AnchorStatus;
  exact: string;
  start?: string;
  end?: string;
}

const stored = (t: ThreadRow): StoredAnchor | null =>
  t.anchorStart && t.anchorEnd ? { start: t.anchorStart, end: t.anchorEnd, exact: t.anchorExact, prefix: t.anchorPrefix, suffix: t.anchorSuffix } : null;

/** Resolve every thread's anchor against the document, persisting what changed. */
export async function currentAnchors(db: Executor, collab: CollabService, documentId: string, threads: readonly ThreadRow[]): Promise<Map<string, CurrentAnchor>> {
  const result = new Map<string, CurrentAnchor>();
  const anchored = threads.filter((t) => stored(t) !== null);
  for (const t of threads) if (!stored(t)) result.set(t.id, { status: 'document', exact: '' });
  if (anchored.length === 0) return result;

  const refreshed: AnchorRefresh[] = [];
  let reattached = false;
  await collab.readDocument(documentId, (doc) => {
    const flat = flattenCached(doc);
    for (const thread of anchored) {
      const anchor = stored(thread)!;
      const resolved = resolveAnchor(doc, flat, anchor);
      if (resolved.status === 'orphaned') {
        result.set(thread.id, { status: 'orphaned', exact: resolved.exact });
        continue;
      }
      result.set(thread.id, { status: 'attached', exact: resolved.exact, start: resolved.start, end: resolved.end });
      if (resolved.reattached) reattached = true;
      if (resolved.changed) {
        const { start, end, exact, prefix, suffix } = resolved;
        refreshed.push({ id: thread.id, start, end, exact, prefix, suffix });
      }
    }
  });
  await saveAnchors(db, refreshed);
  // A passage came back (undo, restore): everyone else with the draft open shows it again too.
  if (reattached) signalThreadsChanged(collab, documentId);
  return result;
}

export type NewAnchor = (StoredAnchor & { document: false }) | { document: true };

/**
 * Turn a create request's anchor into a stored one, against the draft as the server has it now.
 * 422 names the problem: a quote absent or ambiguous, positions the server has not received yet,
 * or a range that holds no text.
 */
export function anchorFromInput(doc: Y.Doc, input: ThreadAnchorInput): NewAnchor {
  if ('document' in input) return { document: true };
  const flat = flattenCached(doc);
  if ('exact' in input) {
    const at = findQuote(flat.text, input, { strict: true });
    if (at === 'absent') throw unprocessable('anchor_not_found', 'The quoted text (anchor.exact) is not in the current draft');
    if (at === 'ambiguous') {
      throw unprocessable('anchor_ambiguous', 'The quoted text occurs more than once in the draft: add anchor.prefix or anchor.suffix to say which');
    }
    if (at === 'empty') throw unprocessable('anchor_empty', 'anchor.exact must not be empty');
    const anchor = anchorRange(flat, at, at + input.exact.length);
    if (!anchor) throw unprocessable('anchor_empty', 'The quoted text holds no characters of the draft (only block breaks)');
    return { ...anchor, document: false };
  }
  if (!positionKnown(doc, input.start) || !positionKnown(doc, input.end)) {
    throw unprocessable('anchor_unknown', 'anchor.start or anchor.end refers to edits the server has not received yet (or is not a Yjs position); retry once the draft is synced');
  }
  const resolved = resolveAnchor(doc, flat, { ...input, exact: '', prefix: '', suffix: '' });
  if (resolved.status !== 'attached' || resolved.reattached) {
    throw unprocessable('anchor_empty', 'anchor.start and anchor.end enclose no text of the current draft');
  }
  // Re-anchor on the characters themselves: the editor's positions may stick to the wrong side.
  const anchor = anchorRange(flat, resolved.from, resolved.to);
  if (!anchor) throw unprocessable('anchor_empty', 'anchor.start and anchor.end enclose no text of the current draft');
  return { ...anchor, document: false };
}

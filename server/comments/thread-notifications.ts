/**
 * Who hears about a thread change, decided with the policy (mayBeNotified: only people who may
 * view the draft) and handed to notifications/notify.ts inside the command's transaction, so the
 * live push happens only on commit. One notification per person per change: a mention wins over
 * a reply or an annotation; nobody is notified of their own action.
 * Kinds: mention, reply, annotation, thread_resolved. `data` carries the draft's title, the
 * actor's name and an excerpt of at most 140 characters: nothing the recipient may not see.
 */
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import { notify } from '../notifications/notify';
import { actorsOf } from './people';
import { mayBeNotified, type DocumentFacts } from '../../shared/permissions';

export type ThreadNotificationKind = 'mention' | 'reply' | 'annotation' | 'thread_resolved';

const excerptLength = 140;
export const excerpt = (body: string) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= excerptLength ? flat : `${flat.slice(0, excerptLength - 1)}…`;
};

/** Mentioned ids split into people who may see the draft and everyone else (never told, never granted). */
export async function checkMentions(db: Executor, doc: DocumentFacts, ids: readonly string[] | undefined) {
  if (!ids?.length) return { visible: [] as string[], notNotified: [] as string[] };
  const people = await actorsOf(db, ids);
  const visible = new Set(people.filter((p) => mayBeNotified(p, doc)).map((p) => p.id));
  const unique = [...new Set(ids)];
  return { visible: unique.filter((id) => visible.has(id)), notNotified: unique.filter((id) => !visible.has(id)) };
}

export interface ThreadEvent {
  doc: DocumentFacts & { id: string; title: string };
  actor: SessionUser;
  threadId: string;
  /** The comment this is about (absent for a resolution). */
  commentId?: string;
  body?: string;
  /** Already checked with checkMentions. */
  mentioned: readonly string[];
  /** Others to tell, with the kind that applies to them (thread author on a reply, creator on an annotation …). */
  others: readonly { userId: string; kind: ThreadNotificationKind }[];
}

export async function notifyThreadEvent(tx: Executor, event: ThreadEvent): Promise<void> {
  const kinds = new Map<string, ThreadNotificationKind>();
  for (const id of event.mentioned) kinds.set(id, 'mention');
  const others = event.others.filter((o) => !kinds.has(o.userId));
  // Others were not checked yet (a thread's author may have lost access since).
  const allowed = new Set((await actorsOf(tx, others.map((o) => o.userId))).filter((p) => mayBeNotified(p, event.doc)).map((p) => p.id));
  for (const o of others) if (allowed.has(o.userId) && !kinds.has(o.userId)) kinds.set(o.userId, o.kind);
  kinds.delete(event.actor.id);
  if (kinds.size === 0) return;
  const data = {
    documentTitle: event.doc.title,
    actorName: event.actor.name,
    threadId: event.threadId,
    ...(event.commentId ? { commentId: event.commentId } : {}),
    ...(event.body !== undefined ? { excerpt: excerpt(event.body) } : {}),
  };
  await notify(
    tx,
    [...kinds].map(([userId, kind]) => ({ userId, kind, documentId: event.doc.id, subjectId: event.threadId, data })),
  );
}

/**
 * "Shared with you": after an access change, everyone who may now view a draft they could not view
 * before is notified (kind `document_shared`), decided by the policy on the facts before and after.
 * Runs in the access change's transaction, so nobody hears of a change that rolled back.
 */
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import { enabledActors, memberIdsOf } from '../accounts/user-queries';
import { notify } from '../notifications/notify';
import { accessLevel, canView, type DocumentFacts } from '../../shared/permissions';

export async function notifyNewViewers(
  db: Executor,
  input: { documentId: string; title: string; before: DocumentFacts; after: DocumentFacts; by: SessionUser },
) {
  const { before, after, by } = input;
  const userIds = after.grants.flatMap((g) => (g.userId ? [g.userId] : []));
  const departmentIds = after.grants.flatMap((g) => (g.departmentId ? [g.departmentId] : []));
  const candidates = [...new Set([...userIds, ...(await memberIdsOf(db, departmentIds))])].filter((id) => id !== by.id);
  const gained = (await enabledActors(db, candidates)).filter((actor) => !canView(actor, before) && canView(actor, after));
  await notify(
    db,
    gained.map((actor) => ({
      userId: actor.id,
      kind: 'document_shared',
      documentId: input.documentId,
      data: { title: input.title, actor: by.name, level: accessLevel(actor, after) },
    })),
  );
}

/**
 * The disposition table ("Bản tổng hợp, tiếp thu, giải trình ý kiến"): one row per thread the round
 * received (round-threads.ts), with the part of the draft, who commented, the comment, replies as
 * context, and the drafter's disposition (round_dispositions). Plus the command that records a
 * disposition (editors, while the round is open).
 */
import { and, eq } from 'drizzle-orm';
import type { CollabService } from '../collab/service';
import type { Database, Executor } from '../db/client';
import { roundDispositions } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { recordAudit, type AuditContext } from '../audit/record-event';
import type { DocumentWithFacts } from '../documents/document-access';
import { currentResponses, listResponses, type LoadedRound } from './queries';
import { partsOfDraft, roundThreads, type RoundThread } from './round-threads';
import { canSetDisposition } from '../../shared/permissions';
import { countDispositions, type DispositionRowDto, type DispositionTableDto, type SetDispositionBody } from '../../shared/rounds/api';
import { partLabel } from '../../shared/rounds/part-of-draft';

export async function dispositionTable(
  deps: { db: Executor; collab: CollabService },
  round: LoadedRound,
  doc: DocumentWithFacts,
  lang: 'vi' | 'en',
  threads?: RoundThread[],
): Promise<DispositionTableDto> {
  const received = threads ?? (await roundThreads(deps.db, round));
  const [parts, decided, responses] = await Promise.all([
    partsOfDraft(deps.collab, round.documentId, received.map((t) => t.thread)),
    deps.db.select().from(roundDispositions).where(eq(roundDispositions.roundId, round.id)),
    listResponses(deps.db, round.id),
  ]);
  const byThread = new Map(decided.map((d) => [d.threadId, d]));
  const rows: DispositionRowDto[] = received.map((t) => {
    const part = parts.get(t.thread.id) ?? { kind: 'document' as const };
    const d = byThread.get(t.thread.id);
    return {
      threadId: t.thread.id,
      part,
      partLabel: partLabel(part, lang),
      department: t.department,
      author: { id: t.first.authorId, name: t.first.authorName },
      comment: t.first.deletedAt ? '' : t.first.body,
      quote: t.thread.anchorExact,
      replies: t.replies.map((r) => ({ author: r.authorName, department: r.authorDepartmentName, body: r.body })),
      createdAt: t.thread.createdAt.toISOString(),
      disposition: d?.disposition ?? null,
      explanation: d?.explanation ?? '',
    };
  });
  const answered = currentResponses(responses).size;
  return {
    round: { id: round.id, title: round.title, number: round.number, documentId: round.documentId, documentTitle: doc.title, state: round.state },
    rows,
    counts: countDispositions(rows, round.departmentIds.length, answered),
  };
}

export async function setDisposition(
  db: Database,
  user: SessionUser,
  audit: AuditContext,
  round: LoadedRound,
  doc: DocumentWithFacts,
  threadId: string,
  input: SetDispositionBody,
) {
  if (!canSetDisposition(user, doc, round)) {
    if (round.state !== 'open') throw conflict('This round is closed: its disposition table is sealed in the record');
    await recordAudit(db, { ...audit, action: 'round.dispose', objectType: 'round', objectId: round.id, outcome: 'denied', details: { threadId } });
    throw forbidden('Only people who may edit the draft fill in dispositions');
  }
  const received = await roundThreads(db, round);
  if (!received.some((t) => t.thread.id === threadId)) throw notFound('Comment of this round');
  await db.transaction(async (tx) => {
    const values = { roundId: round.id, threadId, disposition: input.disposition, explanation: input.explanation, decidedBy: user.id, decidedAt: new Date() };
    await tx
      .insert(roundDispositions)
      .values(values)
      .onConflictDoUpdate({ target: [roundDispositions.roundId, roundDispositions.threadId], set: { disposition: values.disposition, explanation: values.explanation, decidedBy: values.decidedBy, decidedAt: values.decidedAt } });
    await recordAudit(tx, { ...audit, action: 'round.dispose', objectType: 'round', objectId: round.id, outcome: 'success', details: { threadId, disposition: input.disposition } });
  });
  const [row] = await db.select().from(roundDispositions).where(and(eq(roundDispositions.roundId, round.id), eq(roundDispositions.threadId, threadId)));
  return row!;
}

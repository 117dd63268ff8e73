/**
 * Command: close a round (presiding officer or administrator).
 *
 *   1. the disposition table as of now (`closedAt`): threads and parts of the draft read from the
 *      live draft, outside the transaction (reading a room may need the database)
 *   2. one transaction, under the round's row lock: still open? responses and dispositions re-read,
 *      state closed, temporary access reverted where it is still the round's own, pending jobs
 *      dropped, the "round.closed" ledger event (summary + disposition table), audit
 *   3. after commit: collab re-checks live sockets (consulted people lose what the round gave)
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { roundDispositions, roundJobs, rounds } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { loadDocumentFacts } from '../documents/document-access';
import { appendEvent } from '../records/append-event';
import { dispositionTable } from './disposition';
import type { RoundDeps } from './open-round';
import { loadRound } from './queries';
import { presentRound } from './round-view';
import { revertRoundAccess } from './temporary-access';
import { canCloseRound, canViewRound } from '../../shared/permissions';
import { countDispositions } from '../../shared/rounds/api';
import { roundClosedKind, type RoundClosedBody } from '../../shared/records/kinds/round';

export async function closeRound(deps: RoundDeps, user: SessionUser, audit: AuditContext, roundId: string, outcome: string | undefined) {
  const { db, collab } = deps;
  const round = await loadRound(db, roundId);
  const doc = round && (await loadDocumentFacts(db, round.documentId));
  if (!round || !doc || !canViewRound(user, doc, round)) throw notFound('Round');
  if (round.state !== 'open') throw conflict('This round is already closed');
  if (!canCloseRound(user, round)) {
    await recordAudit(db, { ...audit, action: 'round.close', objectType: 'round', objectId: roundId, outcome: 'denied' });
    throw forbidden('Only the presiding officer or an administrator may close this round');
  }
  const closedAt = new Date();
  const asClosed = { ...round, closedAt };
  const table = await dispositionTable({ db, collab }, asClosed, doc, 'vi');
  const key = await deps.signer.current();
  const department = user.departments.find((d) => d.id === doc.departmentId) ?? user.departments[0] ?? null;

  const result = await db.transaction(async (tx) => {
    const [locked] = await tx.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, roundId)).for('update');
    if (locked?.state !== 'open') throw conflict('This round was just closed by someone else');
    const view = await presentRound(tx, user, asClosed, doc, [], closedAt);
    const decided = new Map((await tx.select().from(roundDispositions).where(eq(roundDispositions.roundId, roundId))).map((d) => [d.threadId, d]));
    const rows = table.rows.map((r) => ({ ...r, disposition: decided.get(r.threadId)?.disposition ?? null, explanation: decided.get(r.threadId)?.explanation ?? '' }));
    const answered = view.departments.filter((d) => d.status === 'answered' || d.status === 'answered_late').length;
    const body: RoundClosedBody = {
      roundId,
      documentId: round.documentId,
      number: round.number,
      title: round.title,
      deadline: round.deadline.toISOString(),
      openedSeq: round.openedSeq,
      closedAt: closedAt.toISOString(),
      closedBy: { id: user.id, name: user.name },
      outcome: outcome ?? '',
      departments: view.departments.map((d) => ({
        id: d.department.id,
        name: d.department.name,
        role: d.role,
        status: d.status,
        position: d.position,
        summary: d.summary,
        respondedAt: d.respondedAt,
        respondedBy: d.respondedBy,
      })),
      counts: countDispositions(rows, round.departmentIds.length, answered),
      rows: rows.map((r) => ({
        threadId: r.threadId,
        part: r.partLabel,
        department: r.department,
        author: r.author,
        comment: r.comment,
        replies: r.replies,
        disposition: r.disposition,
        explanation: r.explanation,
      })),
    };
    await tx.update(rounds).set({ state: 'closed', closedAt, closedBy: user.id, outcome: outcome ?? null }).where(eq(rounds.id, roundId));
    const reverted = await revertRoundAccess(tx, { documentId: round.documentId, departments: round.consulted, people: round.people });
    await tx.update(roundJobs).set({ doneAt: closedAt }).where(and(eq(roundJobs.roundId, roundId), isNull(roundJobs.doneAt)));
    const appended = await appendEvent(tx, {
      kind: roundClosedKind,
      documentId: round.documentId,
      subjectId: roundId,
      title: `Round ${round.number} closed: ${round.title}`,
      body: { ...body },
      recordedBy: { id: user.id, name: user.name, department: department ? { id: department.id, name: department.name } : null },
      key,
    });
    await tx.update(rounds).set({ closedSeq: appended.entry.seq }).where(eq(rounds.id, roundId));
    await recordAudit(tx, {
      ...audit,
      action: 'round.close',
      objectType: 'round',
      objectId: roundId,
      outcome: 'success',
      details: { documentId: round.documentId, closedSeq: appended.entry.seq, comments: rows.length, answered, reverted },
    });
    return { closedSeq: appended.entry.seq };
  });
  await collab.accessChanged(round.documentId);
  return result;
}

/**
 * Command: a consulted department's response (or an amendment of it). Policy: the department's
 * leader, or any member when it has none (shared/permissions/rounds.ts). Amendments are kept (a new
 * row each) until the deadline; after it, a department that never answered may still answer
 * (marked late), but an answer given cannot change. Under the round's row lock, so the presiding
 * officer hears "all answered" exactly once.
 */
import { eq } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { roundResponses, rounds } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { loadDocumentFacts } from '../documents/document-access';
import { currentResponses, departmentsWithLeader, listResponses, loadRound } from './queries';
import { notifyOfficer } from './round-notifications';
import { canRespond, canViewRound } from '../../shared/permissions';
import type { RespondBody } from '../../shared/rounds/api';

export async function respondToRound(deps: { db: Database; config: Config }, user: SessionUser, audit: AuditContext, roundId: string, input: RespondBody) {
  const { db, config } = deps;
  const round = await loadRound(db, roundId);
  const doc = round && (await loadDocumentFacts(db, round.documentId));
  if (!round || !doc || !canViewRound(user, doc, round)) throw notFound('Round');
  const deny = async (message: string) => {
    await recordAudit(db, { ...audit, action: 'round.respond', objectType: 'round', objectId: roundId, outcome: 'denied', details: { departmentId: input.department } });
    return forbidden(message);
  };
  if (!round.departmentIds.includes(input.department)) throw await deny('This department is not consulted in this round');
  if (round.state !== 'open') throw conflict('This round is closed: it no longer takes responses');
  const hasLeader = (await departmentsWithLeader(db, [input.department])).has(input.department);
  if (!canRespond(user, round, input.department, hasLeader)) {
    throw await deny(
      user.departmentIds.includes(input.department) ? "Only the department's leader submits its response" : 'Only members of this department may submit its response',
    );
  }
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, roundId)).for('update');
    if (locked?.state !== 'open') throw conflict('This round is closed: it no longer takes responses');
    const before = currentResponses(await listResponses(tx, roundId));
    const now = new Date();
    const late = now.getTime() > round.deadline.getTime();
    if (late && before.has(input.department)) throw conflict('The deadline has passed: the response given can no longer be amended');
    const [row] = await tx
      .insert(roundResponses)
      .values({ roundId, departmentId: input.department, position: input.position, summary: input.summary, respondedBy: user.id, late })
      .returning({ id: roundResponses.id });
    const department = round.consulted.find((c) => c.departmentId === input.department)!;
    const notice = { roundId, documentId: round.documentId, roundTitle: round.title, documentTitle: doc.title, deadline: round.deadline, timeZone: config.TZ_DISPLAY };
    await notifyOfficer(tx, notice, round.presidingOfficerId, 'round_response', { department: department.name, position: input.position, late, actor: user.name });
    const answered = new Set([...before.keys(), input.department]);
    if (!before.has(input.department) && round.departmentIds.every((d) => answered.has(d))) {
      await notifyOfficer(tx, notice, round.presidingOfficerId, 'round_all_answered', { departments: round.departmentIds.length });
    }
    await recordAudit(tx, {
      ...audit,
      action: before.has(input.department) ? 'round.amend_response' : 'round.respond',
      objectType: 'round',
      objectId: roundId,
      outcome: 'success',
      details: { departmentId: input.department, position: input.position, late, responseId: row!.id },
    });
    return { responseId: row!.id, late, amended: before.has(input.department) };
  });
}

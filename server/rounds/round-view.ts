/**
 * A round as GET /api/rounds/:id answers it: per consulted department its status (shared rule
 * departmentStatus), current response, number of comments and time left or overdue; totals; the
 * ledger seqs of its opening and closing entries; and what the caller may do.
 */
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import type { DocumentWithFacts } from '../documents/document-access';
import { currentResponses, departmentsWithLeader, listResponses, type LoadedRound } from './queries';
import type { RoundThread } from './round-threads';
import { canCloseRound, canRespond, canSetDisposition } from '../../shared/permissions';
import { departmentStatus, totalsOf, type RoundDepartmentDto, type RoundDto } from '../../shared/rounds/api';

export async function presentRound(db: Executor, user: SessionUser, round: LoadedRound, doc: DocumentWithFacts, threads: readonly RoundThread[], now = new Date(), timeZone = 'Asia/Ho_Chi_Minh'): Promise<RoundDto> {
  const current = currentResponses(await listResponses(db, round.id));
  const withLeader = await departmentsWithLeader(db, round.departmentIds);
  const counts = new Map<string, number>();
  for (const t of threads) if (t.department) counts.set(t.department.id, (counts.get(t.department.id) ?? 0) + 1);
  const reference = round.closedAt ?? now;
  const departments: RoundDepartmentDto[] = round.consulted.map((c) => {
    const r = current.get(c.departmentId) ?? null;
    return {
      department: { id: c.departmentId, name: c.name },
      role: c.role,
      status: departmentStatus(r, round.deadline, reference),
      respondedAt: r?.respondedAt.toISOString() ?? null,
      respondedBy: r ? { id: r.respondedBy, name: r.respondedByName } : null,
      position: r?.position ?? null,
      summary: r?.summary ?? null,
      amendments: r?.amendments ?? 0,
      comments: counts.get(c.departmentId) ?? 0,
      timeLeftMs: round.deadline.getTime() - reference.getTime(),
    };
  });
  return {
    id: round.id,
    documentId: round.documentId,
    documentTitle: doc.title,
    number: round.number,
    title: round.title,
    request: round.request,
    deadline: round.deadline.toISOString(),
    state: round.state,
    presidingOfficer: { id: round.presidingOfficerId, name: round.presidingOfficerName },
    openedAt: round.openedAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    outcome: round.outcome,
    openedSeq: round.openedSeq,
    closedSeq: round.closedSeq,
    openedVersionSeq: round.openedVersionSeq,
    users: round.people.map((p) => ({ id: p.userId, name: p.name })),
    departments,
    totals: totalsOf(departments.map((d) => d.status), threads.length),
    can: {
      close: canCloseRound(user, round),
      dispose: canSetDisposition(user, doc, round),
      respondFor: round.departmentIds.filter((d) => canRespond(user, round, d, withLeader.has(d))),
    },
    now: now.toISOString(),
    timeZone,
  };
}

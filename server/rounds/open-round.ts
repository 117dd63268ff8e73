/**
 * Command: open a consultation round on a draft.
 *
 *   1. policy (editors only), inputs (active departments, existing people, a future deadline),
 *      and no other open round (409) — checked before anything is frozen
 *   2. freeze the current content as a version labelled with the round's title (records/freeze.ts)
 *   3. one transaction: the round, the temporary comment access, the reminder and deadline jobs,
 *      the "round.opened" ledger event (naming the frozen version), notifications, audit
 *   4. after commit: collab re-checks live sockets (consulted people may now comment)
 * A race with another opener ends at the partial unique index (one open round per draft): 409.
 */
import type { CollabService } from '../collab/service';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { departments, roundJobs, rounds } from '../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../errors';
import type { SessionUser } from '../http/env';
import { isUniqueViolation } from '../db/pg-errors';
import { activeDepartmentIds } from '../accounts/department-queries';
import { enabledActors } from '../accounts/user-queries';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { loadDocumentFacts } from '../documents/document-access';
import { appendEvent } from '../records/append-event';
import { freezeVersion } from '../records/freeze';
import type { Signer } from '../records/signer';
import { and, eq, inArray } from 'drizzle-orm';
import { nextRoundNumber } from './queries';
import { notifyRound } from './round-notifications';
import { grantRoundAccess } from './temporary-access';
import { accessLevel, canOpenRound, canView } from '../../shared/permissions';
import type { OpenRoundBody } from '../../shared/rounds/api';
import { roundOpenedKind, type RoundOpenedBody } from '../../shared/records/kinds/round';

export interface RoundDeps {
  db: Database;
  collab: CollabService;
  signer: Signer;
  config: Config;
}

export async function openRound(deps: RoundDeps, user: SessionUser, audit: AuditContext, documentId: string, input: OpenRoundBody) {
  const { db, collab, config } = deps;
  const doc = await loadDocumentFacts(db, documentId);
  if (!doc || !canView(user, doc)) throw notFound('Document');
  if (!canOpenRound(user, doc)) {
    await recordAudit(db, { ...audit, action: 'round.open', objectType: 'document', objectId: documentId, outcome: 'denied' });
    throw forbidden(doc.finalized ? 'This document is finalized: no round can be opened on it' : 'Only people who may edit this draft may open a round on it');
  }
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= Date.now()) throw validationFailed('deadline: must be in the future', [{ path: 'deadline', message: 'must be in the future' }]);
  const active = await activeDepartmentIds(db, input.departments.map((d) => d.department));
  const people = await enabledActors(db, input.users ?? []);
  const issues = [
    ...input.departments.flatMap((d, i) => (active.has(d.department) ? [] : [{ path: `departments.${i}.department`, message: `no active department ${d.department}` }])),
    ...(input.users ?? []).flatMap((u, i) => (people.some((p) => p.id === u) ? [] : [{ path: `users.${i}`, message: `no enabled user ${u}` }])),
  ];
  if (issues.length) throw validationFailed(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const [open] = await db.select({ id: rounds.id }).from(rounds).where(and(eq(rounds.documentId, documentId), eq(rounds.state, 'open')));
  if (open) throw conflict('A round is already open on this draft: close it before opening the next one');

  const version = await freezeVersion(deps, user, documentId, { label: input.title });
  const key = await deps.signer.current();
  const department = user.departments.find((d) => d.id === doc.departmentId) ?? user.departments[0] ?? null;
  try {
    const result = await db.transaction(async (tx) => {
      const number = await nextRoundNumber(tx, documentId);
      const [round] = await tx
        .insert(rounds)
        .values({ documentId, number, title: input.title, request: input.request, deadline, presidingOfficerId: user.id, openedVersionSeq: version.entry.seq })
        .returning();
      await grantRoundAccess(tx, {
        roundId: round!.id,
        documentId,
        departments: input.departments.map((d) => ({ departmentId: d.department, role: d.role })),
        users: people.map((p) => ({ userId: p.id, level: accessLevel(p, doc) })),
      });
      const remindAt = new Date(deadline.getTime() - config.ROUND_REMIND_BEFORE_HOURS * 3_600_000);
      await tx.insert(roundJobs).values([
        ...(remindAt.getTime() > Date.now() ? [{ roundId: round!.id, kind: 'remind' as const, dueAt: remindAt }] : []),
        { roundId: round!.id, kind: 'deadline' as const, dueAt: deadline },
      ]);
      const names = await tx.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, input.departments.map((x) => x.department)));
      const body: RoundOpenedBody = {
        roundId: round!.id,
        documentId,
        number,
        title: input.title,
        request: input.request,
        deadline: deadline.toISOString(),
        presidingOfficer: { id: user.id, name: user.name },
        departments: input.departments.map((d) => ({ id: d.department, name: names.find((n) => n.id === d.department)?.name ?? '', role: d.role })),
        users: people.map((p) => ({ id: p.id, name: p.name })),
        versionSeq: version.entry.seq,
      };
      const appended = await appendEvent(tx, {
        kind: roundOpenedKind,
        documentId,
        subjectId: round!.id,
        title: `Round ${number} opened: ${input.title}`,
        body: { ...body },
        recordedBy: { id: user.id, name: user.name, department: department ? { id: department.id, name: department.name } : null },
        key,
      });
      await tx.update(rounds).set({ openedSeq: appended.entry.seq }).where(eq(rounds.id, round!.id));
      const notice = { roundId: round!.id, documentId, roundTitle: input.title, documentTitle: doc.title, deadline, timeZone: config.TZ_DISPLAY };
      await notifyRound(tx, notice, 'round_opened', { departmentIds: input.departments.map((d) => d.department), userIds: people.map((p) => p.id), except: user.id }, { actor: user.name });
      await recordAudit(tx, { ...audit, action: 'round.open', objectType: 'round', objectId: round!.id, outcome: 'success', details: { documentId, number, departments: input.departments.length, users: people.length, versionSeq: version.entry.seq, openedSeq: appended.entry.seq } });
      return { roundId: round!.id };
    });
    await collab.accessChanged(documentId);
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('A round is already open on this draft: close it before opening the next one');
    throw error;
  }
}

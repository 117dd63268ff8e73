/**
 * Who hears about a round, decided by the policy: consulted people and members of consulted
 * departments who may see the draft (they hold comment access while the round is open). Runs in
 * the caller's transaction (notify() commits with it). Times are shown in TZ_DISPLAY, stored in UTC.
 */
import type { Executor } from '../db/client';
import { enabledActors, memberIdsOf } from '../accounts/user-queries';
import { loadDocumentFacts } from '../documents/document-access';
import { notify } from '../notifications/notify';
import { canView } from '../../shared/permissions';

/** "30/11/2026 17:00 (Asia/Ho_Chi_Minh)": the agency's local time of an instant. */
export function displayTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

export interface RoundNotice {
  roundId: string;
  documentId: string;
  roundTitle: string;
  documentTitle: string;
  deadline: Date;
  timeZone: string;
}

const facts = (n: RoundNotice, extra: Record<string, unknown> = {}) => ({
  title: n.documentTitle,
  round: n.roundTitle,
  deadline: n.deadline.toISOString(),
  deadlineDisplay: displayTime(n.deadline, n.timeZone),
  timeZone: n.timeZone,
  ...extra,
});

/** People among `userIds` and the members of `departmentIds` who may view the draft now (minus `except`). */
export async function viewersAmong(db: Executor, documentId: string, input: { departmentIds: readonly string[]; userIds?: readonly string[]; except?: string }) {
  const doc = await loadDocumentFacts(db, documentId);
  if (!doc) return [];
  const ids = [...new Set([...(await memberIdsOf(db, input.departmentIds)), ...(input.userIds ?? [])])].filter((id) => id !== input.except);
  return (await enabledActors(db, ids)).filter((a) => canView(a, doc));
}

export async function notifyRound(
  db: Executor,
  notice: RoundNotice,
  kind: string,
  to: { departmentIds: readonly string[]; userIds?: readonly string[]; except?: string },
  extra: Record<string, unknown> = {},
) {
  const people = await viewersAmong(db, notice.documentId, to);
  await notify(
    db,
    people.map((p) => ({ userId: p.id, kind, documentId: notice.documentId, subjectId: notice.roundId, data: facts(notice, extra) })),
  );
  return people.map((p) => p.id);
}

/** The presiding officer (always may see the draft they opened the round on, unless it changed: checked). */
export async function notifyOfficer(db: Executor, notice: RoundNotice, officerId: string, kind: string, extra: Record<string, unknown> = {}) {
  const [officer] = await viewersAmong(db, notice.documentId, { departmentIds: [], userIds: [officerId] });
  if (officer) await notify(db, [{ userId: officer.id, kind, documentId: notice.documentId, subjectId: notice.roundId, data: facts(notice, extra) }]);
}

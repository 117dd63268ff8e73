/**
 * Ledger event kinds of consultation rounds (issue 9): "round.opened" names what was sent for
 * opinion (the frozen version's seq), to whom and by when; "round.closed" seals the outcome, every
 * department's response and the disposition table. Their checks (run by every verifier: browser,
 * offline bundle, `codraft verify`) confirm the body is about the entry's round and draft, and that
 * the counts the disposition table states are the counts of its own rows. No I/O.
 */
import type { EventBody, EventEntry } from '../event-entry';
import type { KindCheckResult } from './index';

export const roundOpenedKind = 'round.opened';
export const roundClosedKind = 'round.closed';

interface Named {
  id: string;
  name: string;
}

export interface RoundOpenedBody {
  roundId: string;
  documentId: string;
  number: number;
  title: string;
  request: string;
  deadline: string;
  presidingOfficer: Named;
  departments: (Named & { role: 'lead' | 'cooperating' })[];
  users: Named[];
  /** Ledger seq of the version frozen when the round opened. */
  versionSeq: number;
}

export interface RoundClosedRow {
  threadId: string;
  part: string;
  department: Named | null;
  author: Named;
  comment: string;
  replies: { author: string; department: string | null; body: string }[];
  disposition: 'accepted' | 'partly_accepted' | 'not_accepted' | null;
  explanation: string;
}

export interface RoundClosedBody {
  roundId: string;
  documentId: string;
  number: number;
  title: string;
  deadline: string;
  openedSeq: number | null;
  closedAt: string;
  closedBy: Named;
  outcome: string;
  departments: {
    id: string;
    name: string;
    role: 'lead' | 'cooperating';
    status: 'pending' | 'answered' | 'late' | 'answered_late';
    position: string | null;
    summary: string | null;
    respondedAt: string | null;
    respondedBy: Named | null;
  }[];
  counts: {
    departmentsConsulted: number;
    departmentsAnswered: number;
    commentsReceived: number;
    accepted: number;
    partlyAccepted: number;
    notAccepted: number;
    undecided: number;
  };
  rows: RoundClosedRow[];
}

const result = (check: string, ok: boolean, detail: string): KindCheckResult => ({ check, ok, detail });

function subjectChecks(body: EventBody, entry: EventEntry): KindCheckResult[] {
  const b = body as { roundId?: unknown; documentId?: unknown };
  return [
    result('roundSubject', b.roundId === entry.subjectId && typeof b.roundId === 'string', b.roundId === entry.subjectId ? 'the body is about the entry\'s round' : 'the body names another round than the entry'),
    result('roundDocument', b.documentId === entry.documentId && entry.documentId !== null, b.documentId === entry.documentId ? 'the body is about the entry\'s draft' : 'the body names another draft than the entry'),
  ];
}

export async function checkRoundOpened(body: EventBody, entry: EventEntry): Promise<KindCheckResult[]> {
  const b = body as Partial<RoundOpenedBody>;
  const version = typeof b.versionSeq === 'number' && Number.isInteger(b.versionSeq) && b.versionSeq >= 0 && b.versionSeq < entry.seq;
  const consulted = Array.isArray(b.departments) && b.departments.length > 0;
  return [
    ...subjectChecks(body, entry),
    result('roundVersion', version, version ? `sent for opinion: version recorded at seq ${b.versionSeq}` : 'the frozen version is missing or recorded after the round'),
    result('roundConsulted', consulted, consulted ? `${b.departments!.length} department(s) consulted` : 'no department consulted'),
  ];
}

export async function checkRoundClosed(body: EventBody, entry: EventEntry): Promise<KindCheckResult[]> {
  const b = body as Partial<RoundClosedBody>;
  const rows = Array.isArray(b.rows) ? b.rows : [];
  const departments = Array.isArray(b.departments) ? b.departments : [];
  const c = b.counts;
  const n = (d: RoundClosedRow['disposition']) => rows.filter((r) => r.disposition === d).length;
  const expected = {
    departmentsConsulted: departments.length,
    departmentsAnswered: departments.filter((d) => d.status === 'answered' || d.status === 'answered_late').length,
    commentsReceived: rows.length,
    accepted: n('accepted'),
    partlyAccepted: n('partly_accepted'),
    notAccepted: n('not_accepted'),
    undecided: n(null),
  };
  const wrong = c ? Object.entries(expected).filter(([k, v]) => (c as Record<string, unknown>)[k] !== v).map(([k]) => k) : ['counts'];
  const explained = rows.every((r) => r.disposition === null || r.disposition === 'accepted' || (typeof r.explanation === 'string' && r.explanation.trim().length > 0));
  const opened = b.openedSeq === null || (typeof b.openedSeq === 'number' && b.openedSeq < entry.seq);
  return [
    ...subjectChecks(body, entry),
    result('roundCounts', wrong.length === 0, wrong.length === 0 ? `counts match the ${rows.length} row(s) and ${departments.length} department(s)` : `stated counts differ from the rows: ${wrong.join(', ')}`),
    result('roundDispositions', explained, explained ? 'every disposition other than accepted is explained' : 'a disposition other than accepted has no explanation'),
    result('roundOpenedBefore', opened, opened ? 'closed after it was opened' : 'the opening entry is not before the closing one'),
  ];
}

/**
 * The consultation rounds REST contract (issue 9): request schemas (zod, shared by the server's
 * validation and the client) and the JSON shapes the server answers with. See docs/rounds.md.
 */
import { z } from 'zod';

export const roundRoles = ['lead', 'cooperating'] as const;
export const positions = ['agree', 'agree_with_comments', 'disagree'] as const;
export const dispositions = ['accepted', 'partly_accepted', 'not_accepted'] as const;
export const roundJobKinds = ['remind', 'deadline'] as const;
export const departmentStatuses = ['pending', 'answered', 'late', 'answered_late'] as const;

export type RoundRole = (typeof roundRoles)[number];
export type Position = (typeof positions)[number];
export type Disposition = (typeof dispositions)[number];
export type DepartmentStatus = (typeof departmentStatuses)[number];

const id = z.guid({ error: 'must be an id (uuid)' });
const text = (max: number) => z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(max);

export const openRoundBody = z
  .strictObject({
    title: text(200),
    request: text(10_000),
    deadline: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-01T17:00:00+07:00' }),
    departments: z
      .array(z.strictObject({ department: id, role: z.enum(roundRoles) }))
      .min(1, 'name at least one department')
      .max(200),
    users: z.array(id).max(200).optional(),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.departments.forEach((d, i) => {
      if (seen.has(d.department)) ctx.addIssue({ code: 'custom', path: ['departments', i, 'department'], message: 'named twice' });
      seen.add(d.department);
    });
    if (!body.departments.some((d) => d.role === 'lead') && body.departments.length > 0) {
      // Practice names a lead unit; with a single department it is the lead.
      if (body.departments.length > 1) ctx.addIssue({ code: 'custom', path: ['departments'], message: 'name one lead department (role "lead")' });
    }
  });
export type OpenRoundBody = z.infer<typeof openRoundBody>;

export const respondBody = z.strictObject({ department: id, position: z.enum(positions), summary: z.string().trim().max(10_000).default('') });
export type RespondBody = z.infer<typeof respondBody>;

export const closeRoundBody = z.strictObject({ outcome: z.string().trim().max(10_000).optional() });

export const setDispositionBody = z
  .strictObject({ disposition: z.enum(dispositions), explanation: z.string().trim().max(10_000).default('') })
  .refine((b) => b.disposition === 'accepted' || b.explanation.length > 0, { path: ['explanation'], message: 'required unless the comment is accepted' });
export type SetDispositionBody = z.infer<typeof setDispositionBody>;

export const exportLanguageQuery = z.strictObject({ lang: z.enum(['vi', 'en']).optional() });

export interface RoundDepartmentDto {
  department: { id: string; name: string };
  role: RoundRole;
  status: DepartmentStatus;
  respondedAt: string | null;
  respondedBy: { id: string; name: string } | null;
  position: Position | null;
  summary: string | null;
  /** Earlier responses of this department (amendments), oldest first; the current one is not in it. */
  amendments: number;
  comments: number;
  /** Milliseconds until the deadline (positive) or past it (negative), at `now`. */
  timeLeftMs: number;
}

export interface RoundTotals {
  departments: number;
  answered: number;
  pending: number;
  late: number;
  /** Comments received; null in lists (the Consultations page does not count them). */
  comments: number | null;
}

export interface RoundDto {
  id: string;
  documentId: string;
  documentTitle: string;
  number: number;
  title: string;
  request: string;
  deadline: string;
  state: 'open' | 'closed';
  presidingOfficer: { id: string; name: string };
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
  openedSeq: number | null;
  closedSeq: number | null;
  openedVersionSeq: number | null;
  users: { id: string; name: string }[];
  departments: RoundDepartmentDto[];
  totals: RoundTotals;
  /** What the caller may do now (the policy decides; the client hides what it would refuse). */
  can: { close: boolean; dispose: boolean; respondFor: string[] };
  now: string;
  /** The agency's time zone (TZ_DISPLAY): show times in it. */
  timeZone: string;
}

export interface RoundSummaryDto {
  id: string;
  documentId: string;
  documentTitle: string;
  title: string;
  deadline: string;
  state: 'open' | 'closed';
  totals: RoundTotals;
  /** For "waiting for our answer": the caller's departments that still owe an answer. */
  waitingDepartments?: { id: string; name: string }[];
}

export interface ConsultationsDto {
  /** Rounds the caller presides over: open ones first (those with late departments first), then by deadline. */
  presiding: RoundSummaryDto[];
  /** Open rounds where one of the caller's departments still owes an answer, soonest deadline first. */
  waiting: RoundSummaryDto[];
  now: string;
  timeZone: string;
}

export interface PartOfDraft {
  kind: 'article' | 'heading' | 'paragraph' | 'document' | 'orphaned';
  article?: number;
  clause?: number;
  heading?: string;
  paragraph?: number;
}

export interface DispositionRowDto {
  threadId: string;
  part: PartOfDraft;
  partLabel: string;
  department: { id: string; name: string } | null;
  author: { id: string; name: string };
  comment: string;
  quote: string;
  replies: { author: string; department: string | null; body: string }[];
  createdAt: string;
  disposition: Disposition | null;
  explanation: string;
}

export interface DispositionCounts {
  departmentsConsulted: number;
  departmentsAnswered: number;
  commentsReceived: number;
  accepted: number;
  partlyAccepted: number;
  notAccepted: number;
  undecided: number;
}

export interface DispositionTableDto {
  round: { id: string; title: string; number: number; documentId: string; documentTitle: string; state: 'open' | 'closed' };
  rows: DispositionRowDto[];
  counts: DispositionCounts;
}

/** A department's status from its current response and the deadline (the one rule, used everywhere). */
export function departmentStatus(response: { respondedAt: Date; late: boolean } | null, deadline: Date, now: Date): DepartmentStatus {
  if (response) return response.late ? 'answered_late' : 'answered';
  return now.getTime() > deadline.getTime() ? 'late' : 'pending';
}

export function totalsOf(statuses: readonly DepartmentStatus[], comments: number | null): RoundTotals {
  const count = (...s: DepartmentStatus[]) => statuses.filter((x) => s.includes(x)).length;
  return { departments: statuses.length, answered: count('answered', 'answered_late'), pending: count('pending'), late: count('late'), comments };
}

export function countDispositions(rows: readonly Pick<DispositionRowDto, 'disposition'>[], consulted: number, answered: number): DispositionCounts {
  const n = (d: Disposition | null) => rows.filter((r) => r.disposition === d).length;
  return {
    departmentsConsulted: consulted,
    departmentsAnswered: answered,
    commentsReceived: rows.length,
    accepted: n('accepted'),
    partlyAccepted: n('partly_accepted'),
    notAccepted: n('not_accepted'),
    undecided: n(null),
  };
}

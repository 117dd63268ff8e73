/**
 * The Consultations page's data, one query each: rounds the caller presides over (with answered /
 * consulted counts per round), and open rounds where one of the caller's departments still owes an
 * answer. Status arithmetic (late = unanswered past the deadline) follows shared/rounds/api.ts.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import type { ConsultationsDto, RoundSummaryDto } from '../../shared/rounds/api';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];

interface Row {
  id: string;
  document_id: string;
  document_title: string;
  title: string;
  state: 'open' | 'closed';
  deadline_ms: number;
  closed_ms: number | null;
  departments: number;
  answered: number;
}

const progress = sql`
  left join lateral (
    select count(*)::int as departments,
           count(*) filter (where exists (select 1 from round_responses x where x.round_id = rd.round_id and x.department_id = rd.department_id))::int as answered
      from round_departments rd where rd.round_id = r.id
  ) s on true`;

const columns = sql`r.id, r.document_id, doc.title as document_title, r.title, r.state,
  (extract(epoch from r.deadline) * 1000)::float8 as deadline_ms,
  (extract(epoch from r.closed_at) * 1000)::float8 as closed_ms,
  coalesce(s.departments, 0)::int as departments, coalesce(s.answered, 0)::int as answered`;

function summary(r: Row, now: number): RoundSummaryDto {
  const unanswered = r.departments - r.answered;
  const overdue = (r.closed_ms ?? now) > r.deadline_ms;
  return {
    id: r.id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    title: r.title,
    deadline: new Date(r.deadline_ms).toISOString(),
    state: r.state,
    totals: { departments: r.departments, answered: r.answered, pending: overdue ? 0 : unanswered, late: overdue ? unanswered : 0, comments: null },
  };
}

export async function consultations(db: Executor, user: SessionUser, now = new Date(), timeZone = 'Asia/Ho_Chi_Minh'): Promise<ConsultationsDto> {
  const at = now.getTime();
  // One pass: the officer's rounds, consulted departments joined once, distinct answers hashed (no per-row probes).
  const presidingRows = rowsOf<Row>(
    await db.execute(sql`with mine as (select * from rounds where presiding_officer_id = ${user.id}),
      answers as (select distinct x.round_id, x.department_id from round_responses x join mine m on m.id = x.round_id),
      s as (select rd.round_id, count(*)::int as departments, count(a.department_id)::int as answered
              from round_departments rd join mine m on m.id = rd.round_id
              left join answers a on a.round_id = rd.round_id and a.department_id = rd.department_id
             group by rd.round_id)
      select ${columns} from mine r join documents doc on doc.id = r.document_id left join s on s.round_id = r.id
      order by r.state = 'open' desc, r.closed_at desc nulls first, r.deadline asc limit 2000`),
  );
  const presiding = presidingRows.map((r) => summary(r, at));
  // Open rounds with late departments first, then the next deadline; closed ones after, newest first.
  presiding.sort((a, b) => {
    if (a.state !== b.state) return a.state === 'open' ? -1 : 1;
    if (a.state === 'closed') return 0;
    if ((a.totals.late > 0) !== (b.totals.late > 0)) return a.totals.late > 0 ? -1 : 1;
    return a.deadline.localeCompare(b.deadline);
  });

  let waiting: RoundSummaryDto[] = [];
  if (user.departmentIds.length > 0) {
    const depts = `{${user.departmentIds.join(',')}}`;
    const rows = rowsOf<Row & { department_id: string; department_name: string }>(
      await db.execute(sql`select ${columns}, rd.department_id, dep.name as department_name
        from round_departments rd
        join rounds r on r.id = rd.round_id and r.state = 'open'
        join departments dep on dep.id = rd.department_id
        join documents doc on doc.id = r.document_id ${progress}
        where rd.department_id = any(${depts}::uuid[])
          and not exists (select 1 from round_responses x where x.round_id = r.id and x.department_id = rd.department_id)
        order by r.deadline asc, dep.name asc`),
    );
    const byRound = new Map<string, RoundSummaryDto>();
    for (const r of rows) {
      const found = byRound.get(r.id) ?? { ...summary(r, at), waitingDepartments: [] };
      found.waitingDepartments!.push({ id: r.department_id, name: r.department_name });
      byRound.set(r.id, found);
    }
    waiting = [...byRound.values()];
  }
  return { presiding, waiting, now: now.toISOString(), timeZone };
}

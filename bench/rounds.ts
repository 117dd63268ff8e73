/**
 * Consultation rounds benchmark (issue 9), part of `npm run bench` (`--only rounds`), or alone:
 * `npx tsx bench/rounds.ts`. On Postgres (DATABASE_URL) or embedded PGlite. Prints:
 *   consultations — the Consultations page query (server/rounds/consultations.ts) for an officer
 *                   presiding over 1,000 rounds over 50 departments (5 consulted each, about half
 *                   answered), and for a member of one department: p50 / p95 of 30 runs. Target ≤ 50 ms.
 *   disposition   — a disposition table of 500 comments rendered as DOCX and as PDF (Vietnamese).
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { departments } from '../server/db/schema';
import { consultations } from '../server/rounds/consultations';
import { dispositionDocx, dispositionPdf } from '../server/rounds/disposition-export';
import { createTestDatabase } from '../test/support/database';
import { makeUser } from '../test/support/factories';
import { countDispositions, type DispositionRowDto, type DispositionTableDto } from '../shared/rounds/api';
import { partLabel } from '../shared/rounds/part-of-draft';
import { fmt, summarize } from './stats';

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const out = await fn();
  return [performance.now() - start, out];
}

export async function runRoundsBench(log: (line: string) => void = console.log) {
  const testDb = await createTestDatabase();
  try {
    const db = testDb.handle.db;
    const depts = await db.insert(departments).values(Array.from({ length: 50 }, (_, i) => ({ name: `Sở ${i + 1} ${Date.now()}` }))).returning({ id: departments.id });
    const officer = await makeUser(db, { departmentIds: [depts[0]!.id], name: 'Chủ trì' });
    const member = await makeUser(db, { departmentIds: [depts[7]!.id], name: 'Chuyên viên' });
    await db.execute(sql`insert into documents (title, department_id, created_by) select 'Dự thảo ' || g, ${depts[0]!.id}, ${officer.id} from generate_series(1, 1000) g`);
    await db.execute(sql`insert into rounds (document_id, number, title, request, deadline, presiding_officer_id, state, closed_at)
      select d.id, 1, 'Lấy ý kiến ' || d.title, 'Góp ý', now() + ((row_number() over ()) % 20 - 5) * interval '1 day', ${officer.id},
             case when (row_number() over ()) % 4 = 0 then 'closed' else 'open' end,
             case when (row_number() over ()) % 4 = 0 then now() else null end
        from documents d where d.created_by = ${officer.id}`);
    await db.execute(sql`insert into round_departments (round_id, department_id, role)
      select r.id, x.id, 'cooperating' from rounds r
        cross join lateral (select dp.id from departments dp order by md5(r.id::text || dp.id::text) limit 5) x
       where r.presiding_officer_id = ${officer.id}`);
    await db.execute(sql`insert into round_responses (round_id, department_id, position, summary, responded_by)
      select rd.round_id, rd.department_id, 'agree', '', ${officer.id} from round_departments rd where md5(rd.department_id::text || 'answered' || rd.round_id::text) < '8'`);
    await db.execute(sql`analyze`);
    const consulted = await db.execute(sql`select count(*)::int as n from round_departments where department_id = ${member.departmentIds[0]!}`);
    log(`rounds: seeded 1,000 rounds; the member's department is consulted in ${JSON.stringify(consulted).match(/\d+/)?.[0]} of them`);

    for (const [who, user] of [['officer (1,000 rounds)', officer], ['member (waiting list)', member]] as const) {
      await consultations(db, user);
      const samples: number[] = [];
      let sizes = { presiding: 0, waiting: 0 };
      for (let i = 0; i < 30; i++) {
        const [ms, out] = await time(() => consultations(db, user));
        samples.push(ms);
        sizes = { presiding: out.presiding.length, waiting: out.waiting.length };
      }
      const s = summarize(samples);
      log(`rounds: consultations query, ${who}: p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms (${sizes.presiding} presiding, ${sizes.waiting} waiting; target ≤ 50 ms)`);
    }

    const rows: DispositionRowDto[] = Array.from({ length: 500 }, (_, i) => {
      const part = { kind: 'article' as const, article: 1 + (i % 30), clause: 1 + (i % 4) };
      return {
        threadId: `t${i}`,
        part,
        partLabel: partLabel(part, 'vi'),
        department: { id: `d${i % 50}`, name: `Sở Tài chính ${i % 50}` },
        author: { id: `u${i}`, name: `Nguyễn Thị Hồng ${i}` },
        comment: `Đề nghị cơ quan chủ trì soạn thảo xem xét bổ sung quy định về trách nhiệm của ủy ban nhân dân cấp xã trong việc tổ chức thực hiện (ý kiến ${i}).`,
        quote: '',
        replies: i % 5 === 0 ? [{ author: 'Người soạn thảo', department: 'Văn phòng', body: 'Đã tiếp thu, chỉnh sửa tại khoản 2.' }] : [],
        createdAt: new Date().toISOString(),
        disposition: i % 3 === 0 ? 'accepted' : i % 3 === 1 ? 'partly_accepted' : 'not_accepted',
        explanation: i % 3 === 0 ? '' : 'Đã chỉnh sửa một phần cho phù hợp với Luật Ban hành văn bản quy phạm pháp luật.',
      };
    });
    const table: DispositionTableDto = {
      round: { id: 'r', title: 'Lấy ý kiến lần 1', number: 1, documentId: 'd', documentTitle: 'Dự thảo Quyết định', state: 'open' },
      rows,
      counts: countDispositions(rows, 50, 40),
    };
    const [docxMs, docx] = await time(() => dispositionDocx(table, 'Ủy ban nhân dân tỉnh', 'vi'));
    const [pdfMs, pdf] = await time(() => dispositionPdf(table, 'Ủy ban nhân dân tỉnh', 'vi'));
    log(`rounds: disposition table of 500 comments: DOCX ${fmt(docxMs)} ms (${Math.round(docx.length / 1024)} KB), PDF ${fmt(pdfMs)} ms (${Math.round(pdf.length / 1024)} KB)`);
  } finally {
    await testDb.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRoundsBench();
  process.exit(0);
}

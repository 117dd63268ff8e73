/**
 * Search benchmark (issue 11): seeds `drafts` rows of ~`words` Vietnamese words and `records` record
 * rows straight into search_entries (the indexer's output), then times GET /api/search's query
 * (server/search/query.ts) for queries with and without diacritics, a typo and a symbol.
 * Prints p50/p95 per query. The caller is an administrator (no visibility join): the figure is
 * the matching and ranking cost. Defaults are small (2,000 × 1,000 words) because seeding the
 * issue's 100,000 drafts takes long on a shared 2-core machine; pass --search-drafts 100000.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../test/support/database';
import { search } from '../server/search/query';
import { percentile } from './stats';

const quantile = (values: number[], q: number) => percentile([...values].sort((a, b) => a - b), q * 100);

const vocabulary = ('quyết định phê duyệt kế hoạch đầu tư công ủy ban nhân dân tỉnh huyện xã phường báo cáo tình hình kinh tế xã hội ' +
  'ngân sách dự toán chi thường xuyên tờ trình sáp nhập đơn vị hành chính thông báo lịch tiếp công dân chuyển đổi số hồ sơ công việc ' +
  'điện tử văn bản đi đến phòng chống thiên tai bão lũ đất đai thu hồi bồi thường giải phóng mặt bằng giáo dục y tế văn hóa').split(' ');

export async function runSearchBench(options: { drafts?: number; records?: number; words?: number } = {}) {
  const drafts = options.drafts ?? 2000;
  const records = options.records ?? 1000;
  const words = options.words ?? 1000;
  const testDb = await createTestDatabase();
  const db = testDb.handle.db;
  try {
    const started = performance.now();
    const vocab = `{${vocabulary.map((w) => `"${w}"`).join(',')}}`;
    for (let done = 0; done < drafts; done += 500) {
      const n = Math.min(500, drafts - done);
      await db.execute(sql`insert into search_entries (type, object_id, document_id, title, body, occurred_at, source_at)
        select 'draft', gen_random_uuid()::text, gen_random_uuid(), 'Dự thảo ' || (${done} + i) || ' ' || v[1 + (i % array_length(v, 1))] || ' ' || v[1 + ((i * 7) % array_length(v, 1))],
               (select string_agg(v[1 + ((floor(random() * 1000)::int + w + i) % array_length(v, 1))], ' ') from generate_series(1, ${words}) w),
               now(), now()
          from generate_series(1, ${n}) i, (select ${vocab}::text[] as v) x`);
    }
    await db.execute(sql`insert into search_entries (type, object_id, document_id, title, body, occurred_at, source_at)
      select 'record', i::text, null, 'Quyết định số ' || i || '/QĐ-UBND', lpad(i::text, 2, '0') || '/QĐ-UBND', now(), now() from generate_series(1, ${records}) i`);
    await db.execute(sql`analyze search_entries`);
    console.log(`search: seeded ${drafts} drafts × ${words} words + ${records} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const admin = { id: '00000000-0000-0000-0000-000000000000', departmentIds: [], isAdmin: true, isClerk: false, leaderDepartmentIds: [] };
    for (const q of ['quyet dinh phe duyet', 'Quyết định phê duyệt', 'giai phong mat bang', 'chuyen doi sso', '07/QĐ-UBND']) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 12; i++) {
        const t = performance.now();
        total = (await search(db, admin, { q, limit: 20, offset: 0 })).total;
        if (i >= 2) times.push(performance.now() - t);
      }
      console.log(`search: "${q}" p50 ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms (${total} matches)`);
    }
  } finally {
    await testDb.drop();
  }
}

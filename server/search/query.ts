/**
 * Searching: GET /api/search → search(db, actor, params). Folds the query like the index
 * (lower(codraft_unaccent(q))); a row matches when it contains every word (diacritics ignored) or
 * is trigram-similar to the query (typos, partial words). Ranked: exact matches with diacritics
 * first, then folded matches, then similarity; title beats body. Visibility is part of the WHERE
 * (visibility.ts), so neither rows, snippets nor the total include anything the caller cannot open.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { Actor } from '../../shared/permissions';
import type { SearchType } from '../db/schema';
import { highlightAll, makeSnippet, type Snippet } from '../../shared/search/fold';
import { searchVisibleSql } from './visibility';

export interface SearchParams {
  q: string;
  type?: SearchType;
  departmentId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface SearchResult extends Snippet {
  type: SearchType;
  id: string;
  title: string;
  /** The title with the query's words highlighted. */
  titleHighlights: [number, number][];
  snippet: string;
  score: number;
  documentId: string | null;
  dossierId: string | null;
  occurredAt: string;
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function search(db: Executor, actor: Actor, params: SearchParams): Promise<{ results: SearchResult[]; total: number }> {
  const q = params.q.trim().replace(/\s+/g, ' ');
  const words = q.split(' ').filter(Boolean);
  const folded = (w: string) => sql`lower(codraft_unaccent(${w}))`;
  const allWords = sql.join(
    words.map((w) => sql`s.norm like '%' || ${likeEscapeSql(folded(w))} || '%'`),
    sql` and `,
  );
  const qn = folded(q);
  const filters: SQL[] = [sql`(${allWords} or ${qn} <% s.norm)`, searchVisibleSql(actor)];
  if (params.type) filters.push(sql`s.type = ${params.type}`);
  if (params.departmentId) filters.push(sql`s.department_id = ${params.departmentId}`);
  if (params.from) filters.push(sql`s.occurred_at >= ${params.from.toISOString()}`);
  if (params.to) filters.push(sql`s.occurred_at <= ${params.to.toISOString()}`);
  const where = sql.join(filters, sql` and `);
  const ql = sql`lower(${likeEscape(q)})`;
  const qnLike = likeEscapeSql(qn);
  // Two phases. Every matching row gets a cheap score from stored columns (the folded phrase in the
  // title or text, and similarity to the short title); only the best `candidates` of those get the
  // costly parts (exact spelling with diacritics, similarity over the whole text). Scoring every
  // match in full cost seconds on long drafts. An exact-spelling match can only be cut off when more
  // than `candidates` rows already contain the folded phrase. Only keys and the cheap score go
  // through the first phase (no long texts held for every match); the candidates' texts are read
  // again by key.
  const candidates = Math.max(200, params.offset + params.limit);
  const rows = rowsOf<{ type: SearchType; object_id: string; title: string; body: string; document_id: string | null; dossier_id: string | null; occurred_at: string; score: number; total: number | string }>(
    await db.execute(sql`
      with matched as (
        select s.type, s.object_id, s.occurred_at, count(*) over () as total,
               (case when s.norm_title like '%' || ${qnLike} || '%' then 2 else 0 end
                + case when s.norm like '%' || ${qnLike} || '%' then 1 else 0 end
                + word_similarity(${qn}, s.norm_title)) as cheap
          from search_entries s
         where ${where}
         order by cheap desc, s.occurred_at desc, s.object_id
         limit ${candidates}
      )
      select b.type, b.object_id, e.title, e.body, e.document_id, e.dossier_id, b.occurred_at, b.total,
             b.cheap + (case when lower(e.title) like '%' || ${ql} || '%' then 4 else 0 end
                        + case when lower(e.body) like '%' || ${ql} || '%' then 2 else 0 end
                        + word_similarity(${qn}, e.norm)) as score
        from matched b
        join search_entries e on e.type = b.type and e.object_id = b.object_id
       order by score desc, b.occurred_at desc, b.object_id
       limit ${params.limit} offset ${params.offset}`),
  );
  const total = rows.length ? Number(rows[0]!.total) : params.offset > 0 ? await countOnly(db, where) : 0;
  return {
    total,
    results: rows.map((row) => {
      const snippet = makeSnippet(row.body, q);
      return {
        type: row.type,
        id: row.object_id,
        title: row.title,
        titleHighlights: highlightAll(row.title, q),
        snippet: snippet.text,
        text: snippet.text,
        highlights: snippet.highlights,
        score: Math.round(Number(row.score) * 1000) / 1000,
        documentId: row.document_id,
        dossierId: row.dossier_id,
        occurredAt: new Date(row.occurred_at).toISOString(),
      };
    }),
  };
}

const likeEscapeSql = (value: SQL) => sql`replace(replace(replace(${value}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

async function countOnly(db: Executor, where: SQL) {
  return Number(rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from search_entries s where ${where}`))[0]?.n ?? 0);
}

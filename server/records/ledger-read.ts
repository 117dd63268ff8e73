/**
 * The reads of `codraft verify`, one batch of seq [from, to) at a time: entries with their content
 * hashes, the tree heads of sizes from+1…to, and the ledger_nodes those leaves complete.
 * Plain SQL rather than the query builder: mapping 100,000s of rows through drizzle cost more than
 * checking them. Rows come back as arrays (postgres.js) or {rows} (PGlite); both are handled.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { sha256Hex } from '../../shared/records';
import type { EntryRow } from './entry-checks';
import { nodeRanges } from './tree-checks';

/**
 * Where content, HTML, text and Yjs state are hashed: by Postgres next to the data (only hashes
 * cross the wire), or here after reading every byte (trusting the database engine less: a
 * superuser could replace its functions). Either way each hash is compared here.
 */
export type HashContentIn = 'database' | 'verifier';

export interface TreeHeadRow {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  jws: string;
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

// pg_catalog.sha256 by its full name: a function of that name in another schema cannot stand in.
const hashedContent = sql.raw(`
  encode(pg_catalog.sha256(convert_to(c.json, 'UTF8')), 'hex') as json,
  encode(pg_catalog.sha256(convert_to(c.html, 'UTF8')), 'hex') as html,
  encode(pg_catalog.sha256(convert_to(c.text, 'UTF8')), 'hex') as text,
  encode(pg_catalog.sha256(c.yjs_state), 'hex') as yjs,
  encode(pg_catalog.sha256(convert_to(th.json, 'UTF8')), 'hex') as threads`);
// Base64 for the Yjs state: PGlite moves bytea byte by byte in JS.
const rawContent = sql.raw(`c.json, c.html, c.text, replace(encode(c.yjs_state, 'base64'), chr(10), '') as yjs, th.json as threads`);

type RawEntry = {
  seq: string | number;
  kind: string;
  document_id: string | null;
  entry: string;
  jws: string;
  body: string | null;
  json: string | null;
  html: string | null;
  text: string | null;
  yjs: string | null;
  /** The threads snapshot frozen with a version (issue 8): its hash, or its text with --hash-locally. */
  threads: string | null;
};

async function readEntries(db: Executor, from: number, to: number, hashContentIn: HashContentIn): Promise<EntryRow[]> {
  const content = hashContentIn === 'database' ? hashedContent : rawContent;
  const rows = rowsOf<RawEntry>(
    await db.execute(sql`select e.seq, e.kind, e.document_id, e.entry, e.jws, e.body, ${content}
      from ledger_entries e left join record_contents c on c.id = e.content_id left join record_threads th on th.seq = e.seq
      where e.seq >= ${from} and e.seq < ${to}`),
  );
  return rows.map((r) => {
    let hashes: EntryRow['hashes'] = null;
    if (r.json !== null) {
      hashes =
        hashContentIn === 'database'
          ? { json: r.json, html: r.html!, text: r.text!, yjs: r.yjs! }
          : { json: sha256Hex(r.json), html: sha256Hex(r.html!), text: sha256Hex(r.text!), yjs: sha256Hex(Buffer.from(r.yjs!, 'base64')) };
    }
    const threads = r.threads === null ? null : hashContentIn === 'database' ? r.threads : sha256Hex(r.threads);
    return { seq: Number(r.seq), kind: r.kind, documentId: r.document_id, entry: r.entry, jws: r.jws, body: r.body, hashes, threads };
  });
}

async function readTreeHeads(db: Executor, from: number, to: number): Promise<TreeHeadRow[]> {
  const rows = rowsOf<{ tree_size: string | number; root_hash: string; timestamp: string; jws: string }>(
    await db.execute(sql`select tree_size, root_hash, timestamp, jws from ledger_tree_heads where tree_size between ${from + 1} and ${to}`),
  );
  return rows.map((r) => ({ treeSize: Number(r.tree_size), rootHash: r.root_hash, timestamp: r.timestamp, jws: r.jws }));
}

/** Stored perfect-subtree hashes completed by leaves [from, to), keyed `level:index`. */
async function readNodes(db: Executor, from: number, to: number): Promise<Map<string, Uint8Array>> {
  const ranges: SQL[] = nodeRanges(from, to).map((r) => sql`(level = ${r.level} and idx between ${r.lo} and ${r.hi})`);
  const rows = rowsOf<{ level: number; idx: string | number; hash: string }>(
    await db.execute(sql`select level, idx, encode(hash, 'hex') as hash from ledger_nodes where ${sql.join(ranges, sql` or `)}`),
  );
  return new Map(rows.map((r) => [`${r.level}:${Number(r.idx)}`, Buffer.from(r.hash, 'hex')]));
}

export const readBatch = (db: Executor, from: number, to: number, hashContentIn: HashContentIn) =>
  Promise.all([readEntries(db, from, to, hashContentIn), readTreeHeads(db, from, to), readNodes(db, from, to)]);

/**
 * The record ledger (issue 4). Every table here is append-only: a migration's triggers refuse
 * UPDATE, DELETE and TRUNCATE, and `codraft verify` detects anything changed behind their back.
 *
 *   signing_keys        every public key ever used (kid = RFC 7638 thumbprint); the newest signs
 *   record_contents     what a version froze: canonical ProseMirror JSON, HTML, text, Yjs state
 *   ledger_entries      seq 0,1,2… gap-free: the entry's canonical JSON and its compact JWS;
 *                       `kind` 'version' (v1 entries, content in record_contents) or an event kind
 *                       (v2 entries: rounds, issuance, handovers…, canonical body in `body`)
 *   ledger_nodes        RFC 9162 perfect-subtree hashes (level 0 = leaf hashes), so roots and
 *                       proofs read O(log n) rows instead of rehashing the ledger
 *   ledger_tree_heads   one signed tree head per append (tree_size = seq + 1)
 *   document_versions   document ↔ entry index: version 1, 2, … per document
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JWK } from 'jose';
import { bytea, createdAt } from './columns';
import { documents } from './documents';

export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').$type<JWK>().notNull(),
  createdAt: createdAt(),
});

/** Private keys encrypted with SIGNING_KEY_SECRET (several instances share one key; see key-vault.ts). */
export const signingKeySecrets = pgTable('signing_key_secrets', {
  kid: text('kid')
    .primaryKey()
    .references(() => signingKeys.kid),
  iv: text('iv').notNull(),
  ciphertext: text('ciphertext').notNull(),
  tag: text('tag').notNull(),
  createdAt: createdAt(),
});

export const recordContents = pgTable(
  'record_contents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    /** RFC 8785 canonical JSON of the ProseMirror document: exactly what contentSha256 hashes. */
    json: text('json').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    yjsState: bytea('yjs_state').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('record_contents_document_idx').on(t.documentId)],
);

/**
 * The Yjs state crosses the driver as base64 text (decode/encode in SQL): the embedded PGlite
 * moves bytea parameters and results byte by byte in JS (~400 ms for 900 KB, vs ~50 ms as base64);
 * real Postgres does either in microseconds.
 */
export const yjsStateToDb = (state: Uint8Array) => sql`decode(${Buffer.from(state).toString('base64')}, 'base64')`;
// Postgres wraps base64 at 76 characters; unwrap so it is one standard base64 string.
export const yjsStateBase64 = sql<string>`replace(encode(${sql.identifier('record_contents')}.${sql.identifier('yjs_state')}, 'base64'), chr(10), '')`;

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull().default('version'),
    /** The draft the entry concerns; null for agency-wide events (audit anchors, key certificates). */
    documentId: uuid('document_id').references(() => documents.id),
    /** Version entries only. */
    contentId: uuid('content_id').references(() => recordContents.id),
    /** Event entries only: RFC 8785 canonical JSON of the body, whose SHA-256 the entry commits to. */
    body: text('body'),
    /** RFC 8785 canonical JSON of the entry: the JWS payload and the leaf hash input. */
    entry: text('entry').notNull(),
    jws: text('jws').notNull(),
    kid: text('kid').notNull().references(() => signingKeys.kid),
    createdAt: createdAt(),
  },
  (t) => [
    index('ledger_entries_document_idx').on(t.documentId, t.seq),
    uniqueIndex('ledger_entries_content_key').on(t.contentId),
    index('ledger_entries_kind_idx').on(t.kind, t.seq),
    check('ledger_entries_kind_shape', sql`(${t.kind} = 'version') = (${t.contentId} is not null and ${t.documentId} is not null and ${t.body} is null)`),
  ],
);

export const ledgerNodes = pgTable(
  'ledger_nodes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_nodes_pkey', columns: [t.level, t.idx] })],
);

export const ledgerTreeHeads = pgTable('ledger_tree_heads', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  /** Lowercase hex, exactly as signed. */
  rootHash: text('root_hash').notNull(),
  /** RFC 3339 UTC text, exactly as signed. */
  timestamp: text('timestamp').notNull(),
  jws: text('jws').notNull(),
  kid: text('kid').notNull().references(() => signingKeys.kid),
});

export const documentVersions = pgTable(
  'document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    version: integer('version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().references(() => ledgerEntries.seq),
    final: boolean('final').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('document_versions_document_version_key').on(t.documentId, t.version),
    uniqueIndex('document_versions_seq_key').on(t.seq),
  ],
);

/**
 * Sign-off and issuance (issue 10).
 *
 *   signing_device_keys   a person's device public keys: pending → active (certified by the agency key,
 *                         ledger event "key.certified") → revoked (ledger event "key.revoked")
 *   document_types        the admin-managed list of type abbreviations (QĐ, TB, KH, BC, TTr, CV …)
 *   registers             numbering series as data {name, series, resetsYearly}
 *   register_counters     the last number per register and year (row-locked while issuing: gap-free)
 *   submissions           a frozen version sent to its signers; states pending → signed → issued,
 *                         or returned / withdrawn
 *   submission_steps      ordered initial/sign steps with their turn and action times and the JWS
 *   issued_documents      number, symbol, date and ledger seq of every issued document
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JWK } from 'jose';
import { users } from './accounts';
import { documents } from './documents';
import { createdAt } from './columns';
import { documentVersions } from './records';

export const signingDeviceKeys = pgTable(
  'signing_device_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    deviceName: text('device_name').notNull(),
    /** The public half only (Ed25519 OKP JWK); the private key never leaves the device. */
    publicJwk: jsonb('public_jwk').$type<JWK>().notNull(),
    /** RFC 7638 thumbprint of the public key. */
    kid: text('kid').notNull(),
    state: text('state', { enum: ['pending', 'active', 'revoked'] }).notNull().default('pending'),
    /** The key certificate as certified: {body, jws}, the agency key's compact JWS over the body. */
    certificate: jsonb('certificate').$type<{ body: Record<string, unknown>; jws: string }>(),
    certificateSeq: bigint('certificate_seq', { mode: 'number' }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationSeq: bigint('revocation_seq', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('signing_device_keys_kid_key').on(t.kid),
    index('signing_device_keys_user_idx').on(t.userId),
    check('signing_device_keys_state', sql`${t.state} in ('pending', 'active', 'revoked')`),
  ],
);

export const documentTypes = pgTable('document_types', {
  /** The abbreviation used in symbols, e.g. `QĐ`. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** Official letters (công văn): the symbol is `<agency>-<drafting unit>` instead of `<type>-<agency>`. */
  isLetter: boolean('is_letter').notNull().default(false),
  createdAt: createdAt(),
});

export const registers = pgTable(
  'registers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** A short key naming the series, e.g. `general`, `secret`, `council`. */
    series: text('series').notNull(),
    resetsYearly: boolean('resets_yearly').notNull().default(true),
    /** The register used when an issuance names none. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('registers_series_key').on(t.series),
    uniqueIndex('registers_default_key').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

export const registerCounters = pgTable(
  'register_counters',
  {
    registerId: uuid('register_id').notNull().references(() => registers.id),
    /** Calendar year in the agency's time zone; 0 for a register that never resets. */
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ name: 'register_counters_pkey', columns: [t.registerId, t.year] })],
);

export const submissionStates = ['pending', 'signed', 'returned', 'withdrawn', 'issued'] as const;

export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    versionId: uuid('version_id').notNull().references(() => documentVersions.id),
    /** SHA-256 of the version entry's canonical JSON: what every signature and the seal refer to. */
    versionEntrySha256: text('version_entry_sha256').notNull(),
    documentType: text('document_type').notNull().references(() => documentTypes.code),
    note: text('note'),
    state: text('state', { enum: submissionStates }).notNull().default('pending'),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    /** The returned (or withdrawn) submission this one resubmits. */
    previousId: uuid('previous_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('submissions_document_idx').on(t.documentId, t.createdAt),
    index('submissions_state_idx').on(t.state),
    /** At most one submission per draft waits for signatures. */
    uniqueIndex('submissions_pending_key').on(t.documentId).where(sql`${t.state} = 'pending'`),
    check('submissions_state', sql`${t.state} in ('pending', 'signed', 'returned', 'withdrawn', 'issued')`),
  ],
);

export const submissionSteps = pgTable(
  'submission_steps',
  {
    submissionId: uuid('submission_id').notNull().references(() => submissions.id),
    stepIndex: integer('step_index').notNull(),
    kind: text('kind', { enum: ['initial', 'sign'] }).notNull(),
    signerId: uuid('signer_id').notNull().references(() => users.id),
    state: text('state', { enum: ['waiting', 'current', 'signed', 'returned', 'cancelled'] }).notNull().default('waiting'),
    /** When it became the signer's turn; null while earlier steps are open. */
    turnStartedAt: timestamp('turn_started_at', { withTimezone: true }),
    actedAt: timestamp('acted_at', { withTimezone: true }),
    keyId: uuid('key_id').references(() => signingDeviceKeys.id),
    /** The signed payload object and the signer's compact JWS over its canonical JSON. */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    jws: text('jws'),
    returnReason: text('return_reason'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'submission_steps_pkey', columns: [t.submissionId, t.stepIndex] }),
    index('submission_steps_signer_idx').on(t.signerId, t.state),
    check('submission_steps_kind', sql`${t.kind} in ('initial', 'sign')`),
    check('submission_steps_state', sql`${t.state} in ('waiting', 'current', 'signed', 'returned', 'cancelled')`),
  ],
);

export const issuedDocuments = pgTable(
  'issued_documents',
  {
    submissionId: uuid('submission_id').primaryKey().references(() => submissions.id),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    registerId: uuid('register_id').notNull().references(() => registers.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** e.g. `QĐ-UBND`; the full notation is `07/QĐ-UBND`. */
    symbol: text('symbol').notNull(),
    /** The issue date in the agency's time zone, `YYYY-MM-DD`. */
    issueDate: text('issue_date').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by').notNull().references(() => users.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('issued_documents_number_key').on(t.registerId, t.year, t.number),
    index('issued_documents_document_idx').on(t.documentId),
  ],
);

/**
 * The versions / records part of the REST API: request schemas and answer shapes, shared by the
 * server (validation, presenters) and the web client.
 *   POST /api/documents/:id/versions  {label, note?, final?}  → 201 FreezeResultDto
 *   GET  /api/documents/:id/versions                         → {versions: VersionDto[]} newest first
 *   GET  /api/versions/:id                                    → VersionDetailDto
 *   POST /api/documents/:id/restore   {versionId}             → {restoredFrom: VersionDto}
 *   GET  /api/records/:seq/bundle                             → RecordBundle (bundle.ts)
 *   GET  /api/records/:seq/verify                             → BundleReport (verify-bundle.ts)
 *   GET  /api/ledger/tree-heads?after=&limit=                 → {treeHeads: SignedTreeHead[]}
 *   GET  /api/ledger/consistency?from=&to=                    → ConsistencyProofDto
 *   GET  /.well-known/jwks.json                               → JWKS, every key ever used
 */
import { z } from 'zod';
import type { RecordEntry } from './entry';
import type { SignedTreeHead } from './tree-head';
import type { BundleReport } from './verify-bundle';

export const versionLabel = z.string().trim().min(1, 'must not be empty').max(200);

export const freezeVersionBody = z.strictObject({
  label: versionLabel,
  note: z.string().trim().max(4000).optional(),
  /** Make the draft read-only for everyone from now on. */
  final: z.boolean().optional(),
});

export const restoreVersionBody = z.strictObject({ versionId: z.guid({ error: 'must be an id (uuid)' }) });

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const consistencyQuery = z.strictObject({ from: size, to: size }).refine((q) => q.from <= q.to, 'from must not exceed to');
export const treeHeadsQuery = z.strictObject({ after: size.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

export type FreezeVersionBody = z.infer<typeof freezeVersionBody>;
export type RestoreVersionBody = z.infer<typeof restoreVersionBody>;

/** One version as lists show it; everything but `id` comes from its signed entry. */
export interface VersionDto {
  id: string;
  documentId: string;
  version: number;
  seq: number;
  label: string;
  note: string | null;
  title: string;
  final: boolean;
  frozenBy: RecordEntry['frozenBy'];
  frozenAt: string;
}

export interface RecordDto {
  entry: RecordEntry;
  jws: string;
  treeHead: SignedTreeHead;
}

export interface FreezeResultDto {
  version: VersionDto;
  record: RecordDto;
}

export interface VersionDetailDto {
  version: VersionDto;
  entry: RecordEntry;
  jws: string;
  content: { json: Record<string, unknown>; html: string; text: string };
  /** The server's own check of this record (the browser re-checks the bundle itself). */
  verification: BundleReport;
}

export interface ConsistencyProofDto {
  fromSize: number;
  toSize: number;
  /** Lowercase hex hashes, RFC 9162 §2.1.4 order. */
  proof: string[];
  from: SignedTreeHead | null;
  to: SignedTreeHead | null;
}

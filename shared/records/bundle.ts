/**
 * The record bundle: one entry with everything needed to verify it offline, given only the
 * agency's JWKS. JSON, format `codraft.record-bundle` v1:
 *
 *   entry           the record entry object (see entry.ts)
 *   jws             the entry's compact JWS
 *   content         {json: ProseMirror document, html, text}
 *   yjsState        the frozen Yjs state, base64
 *   inclusionProof  {leafIndex (= entry.seq), treeSize, auditPath: lowercase hex hashes, leaf → root}
 *   treeHead        the signed tree head the proof leads to: {treeSize, rootHash, timestamp, jws}
 *   threads         optional: the threads snapshot the entry's threadsSha256 commits to
 *                   (shared/comments/snapshot.ts); checked by verify-bundle, absent for older entries
 */
import { z } from 'zod';
import { hashHexPattern } from './hash';
import { recordEntrySchema } from './entry';
import { signedTreeHeadSchema } from './tree-head';

export const bundleFormat = 'codraft.record-bundle';

export const inclusionProofSchema = z.strictObject({
  leafIndex: z.number().int().min(0),
  treeSize: z.number().int().min(1),
  auditPath: z.array(z.string().regex(hashHexPattern)),
});
export type InclusionProofJson = z.infer<typeof inclusionProofSchema>;

export const bundleSchema = z.strictObject({
  format: z.literal(bundleFormat),
  v: z.literal(1),
  entry: recordEntrySchema,
  jws: z.string().min(1),
  content: z.strictObject({
    json: z.record(z.string(), z.unknown()),
    html: z.string(),
    text: z.string(),
  }),
  yjsState: z.string(),
  inclusionProof: inclusionProofSchema,
  treeHead: signedTreeHeadSchema,
  threads: z.unknown().optional(),
});
export type RecordBundle = z.infer<typeof bundleSchema>;

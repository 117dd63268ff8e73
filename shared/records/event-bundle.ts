/**
 * The event bundle: one event entry (event-entry.ts) with everything needed to verify it offline,
 * given only the agency's JWKS. JSON, format `codraft.event-bundle` v1:
 *
 *   entry, jws       the event entry object and its compact JWS
 *   body             the body object whose canonical JSON hashes to entry.bodySha256
 *   inclusionProof   as in a record bundle (leafIndex = entry.seq)
 *   treeHead         the signed tree head the proof leads to
 */
import { z } from 'zod';
import { inclusionProofSchema } from './bundle';
import { eventEntrySchema } from './event-entry';
import { signedTreeHeadSchema } from './tree-head';

export const eventBundleFormat = 'codraft.event-bundle';

export const eventBundleSchema = z.strictObject({
  format: z.literal(eventBundleFormat),
  v: z.literal(1),
  entry: eventEntrySchema,
  jws: z.string().min(1),
  body: z.record(z.string(), z.unknown()),
  inclusionProof: inclusionProofSchema,
  treeHead: signedTreeHeadSchema,
});
export type EventBundle = z.infer<typeof eventBundleSchema>;

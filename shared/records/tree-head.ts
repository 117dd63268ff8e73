/**
 * Signed tree heads: after every append the ledger signs `{treeSize, rootHash, timestamp}`
 * (rootHash = RFC 9162 MTH of the first treeSize entries, lowercase hex; timestamp RFC 3339 UTC)
 * as a compact JWS with the same key and canonical-JSON payload rule as entries.
 * A verifier who kept an old tree head can ask for a consistency proof to any newer one.
 */
import type { CryptoKey } from 'jose';
import { z } from 'zod';
import { canonicalBytes } from './canonical';
import { hashHexPattern, utf8 } from './hash';
import { signCanonical, type JwsCheck, type jwsVerifier } from './jws';

export const treeHeadSchema = z.strictObject({
  treeSize: z.number().int().min(0),
  rootHash: z.string().regex(hashHexPattern),
  timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
});
export type TreeHead = z.infer<typeof treeHeadSchema>;

export const signedTreeHeadSchema = treeHeadSchema.extend({ jws: z.string().min(1) });
export type SignedTreeHead = z.infer<typeof signedTreeHeadSchema>;

/**
 * The canonical bytes of a tree head, built directly: members in RFC 8785 order (rootHash,
 * timestamp, treeSize), and values that JSON escapes nothing in (hex, an RFC 3339 timestamp, an
 * integer) — equal to canonicalBytes(payload) (tested), at a fraction of the cost, for verifying
 * one tree head per entry of a long ledger. Anything else goes through canonicalize.
 */
export function treeHeadBytes(head: TreeHead): Uint8Array {
  const { treeSize, rootHash, timestamp } = head;
  const plain = Number.isSafeInteger(treeSize) && /^[0-9a-f]*$/.test(rootHash) && /^[0-9TZ:.+-]*$/.test(timestamp);
  return plain ? utf8(`{"rootHash":"${rootHash}","timestamp":"${timestamp}","treeSize":${treeSize}}`) : canonicalBytes(treeHeadPayload(head));
}

/** Only the three signed fields, in case a caller's object carries more. */
export const treeHeadPayload = ({ treeSize, rootHash, timestamp }: TreeHead): TreeHead => ({ treeSize, rootHash, timestamp });

export async function signTreeHead(head: TreeHead, key: CryptoKey, kid: string): Promise<SignedTreeHead> {
  const payload = treeHeadPayload(head);
  return { ...payload, jws: await signCanonical(payload, key, kid) };
}

/** Checks a signed tree head's JWS covers exactly its fields. */
export const verifyTreeHead = (head: SignedTreeHead, verify: ReturnType<typeof jwsVerifier>): Promise<JwsCheck> =>
  verify(head.jws, treeHeadBytes(head));

/**
 * Offline verification of a record bundle against a JWKS: no database, no network. Runs in Node
 * (the CLI, the server's /verify endpoint) and in the browser (the version badge), and answers
 * check by check so a person can see exactly what failed:
 *
 *   format             the bundle and entry match the v1 format
 *   signature          the entry's JWS verifies with the JWKS key named by its kid, over exactly
 *                      the entry's canonical JSON
 *   contentHash        SHA-256 of the canonical ProseMirror JSON = entry.contentSha256
 *   htmlHash/textHash  SHA-256 of the HTML / text = entry.htmlSha256 / textSha256
 *   yjsHash            SHA-256 of the Yjs state bytes = entry.yjsSha256
 *   inclusion          leaf hash of the entry + audit path lead to the tree head's root, at leaf seq
 *   treeHeadSignature  the tree head's JWS verifies over exactly its {treeSize, rootHash, timestamp}
 *   threadsHash        only when the entry or bundle has threads (issue 8): SHA-256 of the snapshot's
 *                      canonical JSON = entry.threadsSha256 (older entries carry neither)
 *
 * An event bundle (event-bundle.ts) gets format, signature, bodyHash (SHA-256 of the body's canonical
 * JSON = entry.bodySha256), inclusion, treeHeadSignature, then one `kind` check per kind-specific
 * check (kinds/index.ts).
 */
import { canonicalBytes, canonicalSha256 } from './canonical';
import { bundleSchema, type RecordBundle } from './bundle';
import { eventBundleFormat, eventBundleSchema } from './event-bundle';
import { runKindChecks } from './kinds';
import { fromBase64, fromHex, sha256Hex } from './hash';
import { jwsVerifier, type Jwks } from './jws';
import { leafHash } from './merkle';
import { verifyInclusion } from './proofs';
import { verifyTreeHead } from './tree-head';
import { checkThreads } from '../comments/snapshot';

export const checkNames = ['format', 'signature', 'contentHash', 'htmlHash', 'textHash', 'yjsHash', 'inclusion', 'treeHeadSignature'] as const;
export const eventCheckNames = ['format', 'signature', 'bodyHash', 'inclusion', 'treeHeadSignature'] as const;
export type CheckName = (typeof checkNames)[number] | (typeof eventCheckNames)[number] | 'kind' | 'threadsHash';
export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface VerificationCheck {
  check: CheckName;
  status: CheckStatus;
  detail: string;
}

export interface BundleReport {
  ok: boolean;
  seq: number | null;
  documentId: string | null;
  version: number | null;
  /** Event entries: their kind ("round.opened", …); version entries: "version". */
  kind?: string;
  checks: VerificationCheck[];
}

const pass = (check: CheckName, detail: string): VerificationCheck => ({ check, status: 'pass', detail });
const fail = (check: CheckName, detail: string): VerificationCheck => ({ check, status: 'fail', detail });
const hashCheck = (check: CheckName, what: string, actual: () => string, expected: string) => {
  try {
    const got = actual();
    return got === expected ? pass(check, `${what} hashes to ${got}`) : fail(check, `${what} hashes to ${got}, the entry says ${expected}`);
  } catch (error) {
    return fail(check, `${what} cannot be hashed: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Verify `bundle` (parsed JSON, of any shape) against `jwks`; never throws. */
export async function verifyBundle(bundle: unknown, jwks: Jwks): Promise<BundleReport> {
  if ((bundle as { format?: unknown } | null)?.format === eventBundleFormat) return verifyEventBundle(bundle, jwks);
  const parsed = bundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const summary = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(bundle)'}: ${i.message}`).join('; ');
    const checks = checkNames.map((check) =>
      check === 'format' ? fail(check, `not a v1 record bundle: ${summary}`) : { check, status: 'skipped' as const, detail: 'bundle is malformed' },
    );
    return { ok: false, seq: null, documentId: null, version: null, checks };
  }
  const checks = await runChecks(parsed.data, jwks);
  const { seq, documentId, version } = parsed.data.entry;
  return { ok: checks.every((c) => c.status === 'pass'), seq, documentId, version, checks };
}

async function runChecks(b: RecordBundle, jwks: Jwks): Promise<VerificationCheck[]> {
  const verify = jwsVerifier(jwks);
  const entryBytes = canonicalBytes(b.entry);
  const signature = await verify(b.jws, entryBytes);
  const headSignature = await verifyTreeHead(b.treeHead, verify);
  return [
    pass('format', `record bundle v1, entry format v${b.entry.v}`),
    signature.ok ? pass('signature', `EdDSA signature by key ${signature.kid}`) : fail('signature', signature.reason),
    hashCheck('contentHash', 'ProseMirror JSON', () => canonicalSha256(b.content.json), b.entry.contentSha256),
    hashCheck('htmlHash', 'HTML', () => sha256Hex(b.content.html), b.entry.htmlSha256),
    hashCheck('textHash', 'text', () => sha256Hex(b.content.text), b.entry.textSha256),
    hashCheck('yjsHash', 'Yjs state', () => sha256Hex(fromBase64(b.yjsState)), b.entry.yjsSha256),
    inclusionCheck(b, entryBytes),
    headSignature.ok ? pass('treeHeadSignature', `tree head of size ${b.treeHead.treeSize} signed by key ${headSignature.kid}`) : fail('treeHeadSignature', headSignature.reason),
    ...threadsCheck(b),
  ];
}

/** The frozen threads (issue 8), when the entry or the bundle has them. */
function threadsCheck(b: RecordBundle): VerificationCheck[] {
  const result = checkThreads(b.entry.threadsSha256, b.threads, b.entry.documentId);
  if (!result) return [];
  return [result.ok ? pass('threadsHash', result.detail) : fail('threadsHash', result.detail)];
}

/** Verify an event bundle (parsed JSON of any shape) against `jwks`; never throws. */
export async function verifyEventBundle(bundle: unknown, jwks: Jwks): Promise<BundleReport> {
  const parsed = eventBundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const summary = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(bundle)'}: ${i.message}`).join('; ');
    const checks = eventCheckNames.map((check) =>
      check === 'format' ? fail(check, `not a v1 event bundle: ${summary}`) : { check, status: 'skipped' as const, detail: 'bundle is malformed' },
    );
    return { ok: false, seq: null, documentId: null, version: null, checks };
  }
  const b = parsed.data;
  const verify = jwsVerifier(jwks);
  const entryBytes = canonicalBytes(b.entry);
  const signature = await verify(b.jws, entryBytes);
  const headSignature = await verifyTreeHead(b.treeHead, verify);
  const kindResults = await runKindChecks(b.body, b.entry, jwks);
  const checks: VerificationCheck[] = [
    pass('format', `event bundle v1, entry format v${b.entry.v}, kind ${b.entry.kind}`),
    signature.ok ? pass('signature', `EdDSA signature by key ${signature.kid}`) : fail('signature', signature.reason),
    hashCheck('bodyHash', 'body', () => canonicalSha256(b.body), b.entry.bodySha256),
    inclusionCheck(b, entryBytes),
    headSignature.ok ? pass('treeHeadSignature', `tree head of size ${b.treeHead.treeSize} signed by key ${headSignature.kid}`) : fail('treeHeadSignature', headSignature.reason),
    ...kindResults.map((r) => (r.ok ? pass('kind', `${r.check}: ${r.detail}`) : fail('kind', `${r.check}: ${r.detail}`))),
  ];
  const { seq, documentId, kind } = b.entry;
  return { ok: checks.every((c) => c.status === 'pass'), seq, documentId, version: null, kind, checks };
}

function inclusionCheck(b: Pick<RecordBundle, 'inclusionProof' | 'treeHead'> & { entry: { seq: number } }, entryBytes: Uint8Array): VerificationCheck {
  const { leafIndex, treeSize, auditPath } = b.inclusionProof;
  if (leafIndex !== b.entry.seq) return fail('inclusion', `proof is for leaf ${leafIndex}, the entry is seq ${b.entry.seq}`);
  if (treeSize !== b.treeHead.treeSize) return fail('inclusion', `proof is into a tree of ${treeSize}, the tree head has ${b.treeHead.treeSize}`);
  const ok = verifyInclusion(leafIndex, treeSize, leafHash(entryBytes), auditPath.map(fromHex), fromHex(b.treeHead.rootHash));
  return ok
    ? pass('inclusion', `entry ${leafIndex} is in the tree of ${treeSize} with root ${b.treeHead.rootHash}`)
    : fail('inclusion', `audit path does not lead from entry ${leafIndex} to root ${b.treeHead.rootHash}`);
}

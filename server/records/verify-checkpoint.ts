/**
 * What a successful `codraft verify` remembers, so the next run need not re-verify every old
 * signature (Ed25519 verification is ~150 µs here; a 100,000-entry ledger has 200,000 signatures).
 * JSON, format `codraft.verify-checkpoint` v1, kept outside the database (default
 * DATA_DIR/records/verify-checkpoint.json), so someone who can change the database cannot change it:
 *
 *   treeSize          entries covered
 *   rootHash          rebuilt root of those entries (lowercase hex)
 *   signaturesSha256  SHA-256 over, for each seq < treeSize: entry JWS ‖ "\n" ‖ the tree head of
 *                     size seq+1 as "treeSize rootHash timestamp JWS\n"
 *   keys              {kid: x} of the JWKS then
 *   verifiedAt        RFC 3339
 *
 * A later run trusts the signatures and tree-head roots below treeSize only if the entries still
 * rebuild to rootHash, the stored JWS bytes still hash to signaturesSha256, and those keys are
 * unchanged; otherwise it verifies everything. Everything else is checked every time.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Jwks } from '../../shared/records';

const hex = z.string().regex(/^[0-9a-f]{64}$/);
const checkpointSchema = z.strictObject({
  format: z.literal('codraft.verify-checkpoint'),
  v: z.literal(1),
  treeSize: z.number().int().min(1),
  rootHash: hex,
  signaturesSha256: hex,
  keys: z.record(z.string(), z.string()),
  verifiedAt: z.string(),
});
export type VerifyCheckpoint = z.infer<typeof checkpointSchema>;

export const defaultCheckpointPath = (dataDir: string) => path.join(dataDir, 'records', 'verify-checkpoint.json');

export const keysOf = (jwks: Jwks): Record<string, string> => Object.fromEntries(jwks.keys.map((k) => [String(k.kid), String(k.x)]));

/** The keys a checkpoint relied on are all still published with the same public key. */
export const keysUnchanged = (checkpoint: VerifyCheckpoint, jwks: Jwks) => {
  const now = keysOf(jwks);
  return Object.entries(checkpoint.keys).every(([kid, x]) => now[kid] === x);
};

/** The checkpoint at `file`, or null when there is none or it is unreadable (then: full check). */
export async function readCheckpoint(file: string): Promise<VerifyCheckpoint | null> {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeCheckpoint(file: string, checkpoint: Omit<VerifyCheckpoint, 'format' | 'v' | 'verifiedAt'>) {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const body: VerifyCheckpoint = { format: 'codraft.verify-checkpoint', v: 1, ...checkpoint, verifiedAt: new Date().toISOString() };
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  await fs.rename(temporary, file);
}

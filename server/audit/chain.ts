/**
 * The audit hash chain: row n's hash = SHA-256(prevHash "\n" canonicalJSON(fields of row n)).
 * Pure, so the writer (record-event.ts) and the checker (verify-chain.ts) share one definition.
 */
import { canonicalJson } from '../../shared/records/canonical';
import { sha256Hex } from '../../shared/records/hash';

export interface AuditFields {
  seq: number;
  occurredAt: string;
  action: string;
  actorId: string | null;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

export const auditHash = (prevHash: string, fields: AuditFields): string =>
  sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);

/** The advisory lock key serialising audit inserts (transaction scoped). */
export const auditLockKey = 727_275_011;

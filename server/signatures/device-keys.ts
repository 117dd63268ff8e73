/**
 * Device keys (data path: routes → here → signing_device_keys, ledger events "key.certified" and
 * "key.revoked"). A person registers the public half of a key generated on their device; an
 * administrator approves it and the agency key signs its certificate, recorded in the ledger in the
 * same transaction; a lost device's key is revoked by a signed revocation, also recorded.
 */
import { and, asc, eq } from 'drizzle-orm';
import { calculateJwkThumbprint } from 'jose';
import type { Database, Executor } from '../db/client';
import { signingDeviceKeys } from '../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../errors';
import type { SessionUser } from '../http/env';
import { appendEvent } from '../records/append-event';
import type { Signer } from '../records/signer';
import { rfc3339, signCanonical } from '../../shared/records';
import { canApproveKeys, canRevokeKey } from '../../shared/permissions';
import { certificateFormat, revocationFormat, type CertificateBody, type KeyCertificate, type RevocationBody } from '../../shared/signatures';
import { loadSessionUser } from '../accounts/user-queries';

export type DeviceKeyRow = typeof signingDeviceKeys.$inferSelect;

export const presentKey = (k: DeviceKeyRow) => ({
  id: k.id,
  userId: k.userId,
  deviceName: k.deviceName,
  kid: k.kid,
  publicJwk: k.publicJwk,
  state: k.state,
  certificate: k.certificate,
  createdAt: k.createdAt.toISOString(),
  approvedAt: k.approvedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export async function registerDeviceKey(db: Database, user: SessionUser, input: { publicJwk: { x: string }; deviceName: string }) {
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: input.publicJwk.x };
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicJwk.x)) throw validationFailed('publicJwk.x: not an Ed25519 public key', [{ path: 'publicJwk.x', message: 'must be 32 bytes, base64url' }]);
  if ('d' in input.publicJwk) throw validationFailed('publicJwk: send the public key only', [{ path: 'publicJwk.d', message: 'the private key never leaves the device' }]);
  const kid = await calculateJwkThumbprint(publicJwk);
  const [row] = await db.insert(signingDeviceKeys).values({ userId: user.id, deviceName: input.deviceName, publicJwk, kid }).onConflictDoNothing().returning();
  if (!row) throw conflict('This public key is already registered');
  return row;
}

export const listKeys = (db: Executor, userId?: string) =>
  db.select().from(signingDeviceKeys).where(userId ? eq(signingDeviceKeys.userId, userId) : undefined).orderBy(asc(signingDeviceKeys.createdAt));

async function lockKey(db: Executor, keyId: string) {
  const [row] = await db.select().from(signingDeviceKeys).where(eq(signingDeviceKeys.id, keyId)).for('update');
  return row ?? null;
}

/** The person's title as certified: the departments they lead, else their first department. */
function titleOf(person: SessionUser): string | null {
  const led = person.departments.filter((d) => d.role === 'leader');
  if (led.length) return `Leader, ${led.map((d) => d.name).join(', ')}`;
  return person.departments[0] ? `Staff, ${person.departments[0].name}` : null;
}

/** Approve a pending key: the agency key signs its certificate, recorded in the ledger. */
export async function approveDeviceKey(db: Database, signer: Signer, actor: SessionUser, keyId: string, now = new Date()) {
  if (!canApproveKeys(actor)) throw forbidden('Only administrators approve signing keys');
  const key = await signer.current();
  return db.transaction(async (tx) => {
    const row = await lockKey(tx, keyId);
    if (!row) throw notFound('Signing key');
    if (row.state !== 'pending') throw conflict(`This key is ${row.state}, not pending`);
    const person = await loadSessionUser(tx, row.userId);
    if (!person) throw conflict('The key’s owner is disabled');
    const lead = person.departments.find((d) => d.role === 'leader') ?? person.departments[0] ?? null;
    const body: CertificateBody = {
      format: certificateFormat,
      keyId: row.id,
      userId: person.id,
      name: person.name,
      title: titleOf(person),
      department: lead ? { id: lead.id, name: lead.name } : null,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: (row.publicJwk as { x: string }).x },
      kid: row.kid,
      deviceName: row.deviceName,
      validFrom: rfc3339(now),
      validUntil: null,
    };
    const certificate: KeyCertificate = { body, jws: await signCanonical(body, key.privateKey, key.kid) };
    const appended = await appendEvent(tx, {
      kind: 'key.certified',
      documentId: null,
      subjectId: row.id,
      title: `Signing key of ${person.name} (${row.deviceName})`,
      body: { certificate },
      recordedBy: { id: actor.id, name: actor.name, department: actor.departments[0] ? { id: actor.departments[0].id, name: actor.departments[0].name } : null },
      key,
    });
    const [updated] = await tx
      .update(signingDeviceKeys)
      .set({ state: 'active', certificate, certificateSeq: appended.entry.seq, approvedBy: actor.id, approvedAt: now })
      .where(eq(signingDeviceKeys.id, row.id))
      .returning();
    return updated!;
  });
}

/** Revoke a key (owner or admin): a signed revocation in the ledger; earlier signatures stay valid. */
export async function revokeDeviceKey(db: Database, signer: Signer, actor: SessionUser, keyId: string, now = new Date()) {
  const key = await signer.current();
  return db.transaction(async (tx) => {
    const row = await lockKey(tx, keyId);
    if (!row || !(actor.isAdmin || row.userId === actor.id)) throw notFound('Signing key');
    if (!canRevokeKey(actor, row)) throw forbidden();
    if (row.state === 'revoked') return row;
    if (row.state === 'pending') {
      const [updated] = await tx.update(signingDeviceKeys).set({ state: 'revoked', revokedAt: now, revokedBy: actor.id }).where(eq(signingDeviceKeys.id, row.id)).returning();
      return updated!;
    }
    const body: RevocationBody = { format: revocationFormat, keyId: row.id, kid: row.kid, userId: row.userId, revokedAt: rfc3339(now), revokedBy: actor.id };
    const revocation = { body, jws: await signCanonical(body, key.privateKey, key.kid) };
    const appended = await appendEvent(tx, {
      kind: 'key.revoked',
      documentId: null,
      subjectId: row.id,
      title: `Signing key revoked (${row.deviceName})`,
      body: { revocation },
      recordedBy: { id: actor.id, name: actor.name, department: actor.departments[0] ? { id: actor.departments[0].id, name: actor.departments[0].name } : null },
      key,
    });
    const [updated] = await tx
      .update(signingDeviceKeys)
      .set({ state: 'revoked', revokedAt: now, revokedBy: actor.id, revocationSeq: appended.entry.seq })
      .where(eq(signingDeviceKeys.id, row.id))
      .returning();
    return updated!;
  });
}

/** Certified keys, for /.well-known/codraft-signers.json: active and revoked (old signatures keep verifying). */
export async function publishedSigners(db: Executor) {
  const rows = await db.select().from(signingDeviceKeys).where(and(eq(signingDeviceKeys.state, 'active'))).orderBy(asc(signingDeviceKeys.createdAt));
  const revoked = await db.select().from(signingDeviceKeys).where(eq(signingDeviceKeys.state, 'revoked')).orderBy(asc(signingDeviceKeys.createdAt));
  return [...rows, ...revoked]
    .filter((r) => r.certificate)
    .map((r) => ({ keyId: r.id, kid: r.kid, state: r.state, certificate: r.certificate!, certificateSeq: r.certificateSeq, revokedAt: r.revokedAt?.toISOString() ?? null, revocationSeq: r.revocationSeq }));
}

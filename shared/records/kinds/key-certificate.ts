/**
 * Kind checks of "key.certified" and "key.revoked": the certificate (or revocation) in the body is
 * signed by an agency key over exactly its body, and names the key the entry is about.
 */
import { canonicalBytes } from '../canonical';
import { jwsVerifier, type Jwks } from '../jws';
import type { EventBody, EventEntry } from '../event-entry';
import type { KindCheckResult } from './index';
import { certificateSchema, revocationBodySchema } from '../../signatures/certificate';
import { z } from 'zod';

export async function checkKeyCertified(raw: EventBody, entry: EventEntry, jwks: Jwks): Promise<KindCheckResult[]> {
  const parsed = z.strictObject({ certificate: certificateSchema }).safeParse(raw);
  if (!parsed.success) return [{ check: 'certificate', ok: false, detail: 'not a key certificate body' }];
  const { body, jws } = parsed.data.certificate;
  const sig = await jwsVerifier(jwks)(jws, canonicalBytes(body));
  if (!sig.ok) return [{ check: 'certificate', ok: false, detail: `certificate ${sig.reason}` }];
  if (entry.subjectId !== body.keyId) return [{ check: 'certificate', ok: false, detail: 'the entry names another key' }];
  return [{ check: 'certificate', ok: true, detail: `key ${body.kid} of ${body.name} certified by agency key ${sig.kid}` }];
}

export async function checkKeyRevoked(raw: EventBody, entry: EventEntry, jwks: Jwks): Promise<KindCheckResult[]> {
  const parsed = z.strictObject({ revocation: z.strictObject({ body: revocationBodySchema, jws: z.string() }) }).safeParse(raw);
  if (!parsed.success) return [{ check: 'revocation', ok: false, detail: 'not a key revocation body' }];
  const { body, jws } = parsed.data.revocation;
  const sig = await jwsVerifier(jwks)(jws, canonicalBytes(body));
  if (!sig.ok) return [{ check: 'revocation', ok: false, detail: `revocation ${sig.reason}` }];
  if (entry.subjectId !== body.keyId) return [{ check: 'revocation', ok: false, detail: 'the entry names another key' }];
  return [{ check: 'revocation', ok: true, detail: `key ${body.kid} revoked at ${body.revokedAt}` }];
}

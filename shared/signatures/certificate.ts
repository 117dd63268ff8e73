/**
 * Key certificates (issue 10): the agency key vouches that a public key belongs to a person.
 * A certificate is `{body, jws}`: `jws` is the agency key's compact JWS over the canonical JSON of
 * `body`, so it verifies offline against the agency JWKS without the ledger. The same certificate is
 * also recorded in the ledger (event "key.certified"), and a revocation is a signed statement
 * recorded as "key.revoked". Signatures made before a revocation stay valid. No I/O.
 */
import { z } from 'zod';

export const certificateFormat = 'codraft.key-certificate';
export const revocationFormat = 'codraft.key-revocation';

const ed25519PublicJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(40).max(50) }).passthrough();

export const certificateBodySchema = z.strictObject({
  format: z.literal(certificateFormat),
  keyId: z.string().min(1),
  userId: z.string().min(1),
  name: z.string(),
  /** The person's title at certification (e.g. "Leader, Finance"), or null. */
  title: z.string().nullable(),
  department: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  publicJwk: ed25519PublicJwk,
  /** RFC 7638 thumbprint of publicJwk: the `kid` of the person's signatures. */
  kid: z.string().min(1),
  deviceName: z.string(),
  validFrom: z.string().datetime({ offset: false }),
  validUntil: z.string().datetime({ offset: false }).nullable(),
});
export type CertificateBody = z.infer<typeof certificateBodySchema>;

export const certificateSchema = z.strictObject({ body: certificateBodySchema, jws: z.string().min(1) });
export type KeyCertificate = z.infer<typeof certificateSchema>;

export const revocationBodySchema = z.strictObject({
  format: z.literal(revocationFormat),
  keyId: z.string().min(1),
  kid: z.string(),
  userId: z.string().min(1),
  revokedAt: z.string().datetime({ offset: false }),
  revokedBy: z.string().min(1),
});
export type RevocationBody = z.infer<typeof revocationBodySchema>;

/** Whether the certificate covers a signature made at `at` (RFC 3339). */
export const certificateCovers = (body: CertificateBody, at: string) =>
  Date.parse(body.validFrom) <= Date.parse(at) && (body.validUntil === null || Date.parse(at) <= Date.parse(body.validUntil));

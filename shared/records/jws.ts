/**
 * Signatures: compact JWS (RFC 7515), `alg: EdDSA` (Ed25519), protected header `{alg, kid}`, and a
 * payload that is exactly the RFC 8785 canonical JSON of the signed object (an entry or a tree
 * head). `kid` is the key's RFC 7638 JWK thumbprint, so a key id names exactly one public key.
 * Through `jose` on WebCrypto: the same code verifies in Node and in the browser.
 */
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  createLocalJWKSet,
  errors,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { canonicalBytes } from './canonical';
import { bytesEqual } from './hash';

export const jwsAlg = 'EdDSA';
export type Jwks = JSONWebKeySet;

/** A compact JWS whose payload is the canonical JSON of `value`. */
export const signCanonical = (value: unknown, key: CryptoKey, kid: string): Promise<string> =>
  new CompactSign(canonicalBytes(value)).setProtectedHeader({ alg: jwsAlg, kid }).sign(key);

/** The public half of a key as published in the JWKS (kid = thumbprint, alg and use set). */
export async function publicJwk(jwk: JWK): Promise<JWK> {
  const { kty, crv, x } = jwk;
  if (kty !== 'OKP' || crv !== 'Ed25519' || !x) throw new Error('expected an Ed25519 (OKP) JWK');
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  return { kty, crv, x, kid, alg: jwsAlg, use: 'sig' };
}

/** Keys whose kid is not their own thumbprint: a JWKS where a kid could name another key. */
export async function mislabelledKeys(jwks: Jwks): Promise<string[]> {
  const bad: string[] = [];
  for (const key of jwks.keys) {
    const expected = key.kty === 'OKP' && key.x ? await calculateJwkThumbprint({ kty: 'OKP', crv: key.crv, x: key.x }) : null;
    if (key.kid !== expected) bad.push(String(key.kid));
  }
  return bad;
}

export type JwsCheck = { ok: true; kid: string } | { ok: false; reason: string };

/**
 * A verifier bound to one JWKS (keys imported once). It checks the signature with the key named by
 * `kid`, and that the payload is byte for byte `expected` (the canonical JSON of what is claimed).
 */
export function jwsVerifier(jwks: Jwks) {
  const keys = createLocalJWKSet(jwks);
  return async (jws: string, expected: Uint8Array): Promise<JwsCheck> => {
    try {
      const { payload, protectedHeader } = await compactVerify(jws, keys, { algorithms: [jwsAlg] });
      if (!bytesEqual(payload, expected)) return { ok: false, reason: 'signed payload differs from the canonical JSON it should cover' };
      return { ok: true, kid: protectedHeader.kid ?? '' };
    } catch (error) {
      return { ok: false, reason: describeJoseError(error) };
    }
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key in the JWKS matches the signature’s kid';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'several keys in the JWKS match the signature’s kid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signature algorithm is not EdDSA';
  if (error instanceof errors.JWSInvalid) return `malformed JWS: ${error.message}`;
  if (error instanceof errors.JOSEError) return error.message;
  return `cannot verify: ${error instanceof Error ? error.message : String(error)}`;
}

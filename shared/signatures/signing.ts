/**
 * The client side of the signing interface: something that turns a step payload into a compact JWS.
 * `deviceKeySigner` signs with a WebCrypto Ed25519 key held on this device (non-extractable private
 * key; the browser keeps it in IndexedDB, API tests in memory). A hardware token or a remote signing
 * service implements the same `StepSigner` (see docs/signatures.md). Runs in the browser and in Node.
 */
import { CompactSign, calculateJwkThumbprint } from 'jose';
import { canonicalBytes } from '../records/canonical';
import type { StepPayload } from './payload';

export interface StepSigner {
  /** The registered key's id (POST /api/signing-keys answered it). */
  keyId: string;
  sign(payload: StepPayload): Promise<string>;
}

/** An Ed25519 key pair for a device: the private half cannot be exported. */
export async function generateDeviceKey(): Promise<{ privateKey: CryptoKey; publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }; kid: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: jwk.x! };
  return { privateKey: pair.privateKey, publicJwk, kid: await calculateJwkThumbprint(publicJwk) };
}

export const deviceKeySigner = (keyId: string, privateKey: CryptoKey, kid: string): StepSigner => ({
  keyId,
  sign: (payload) => new CompactSign(canonicalBytes(payload)).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey),
});

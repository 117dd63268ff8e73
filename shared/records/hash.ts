/**
 * SHA-256 and the byte encodings the record format uses: lowercase hex for every hash in the
 * API, base64 for binary payloads (Yjs state), UTF-8 for text.
 *
 * Pure and portable: in the browser it uses @oslojs/crypto (synchronous, pure JS); under Node it
 * uses the built-in OpenSSL digest (about 8x faster), reached through `process.getBuiltinModule`
 * so that bundlers never see a `node:` import. Both give identical digests.
 */
import { sha256 as jsSha256 } from '@oslojs/crypto/sha2';
import { decodeBase64, decodeHex, encodeBase64, encodeHexLowerCase } from '@oslojs/encoding';

type NodeCrypto = {
  /** One-shot digest (Node ≥ 20.12): ~3x cheaper than createHash for the 65-byte tree nodes. */
  hash?: ((alg: string, data: Uint8Array | string, encoding: 'buffer') => Uint8Array) & ((alg: string, data: Uint8Array | string, encoding: 'hex') => string);
  createHash(alg: string): { update(d: Uint8Array): { digest(): Uint8Array } };
};
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:crypto',
) as NodeCrypto | undefined;

/** SHA-256 digest (32 bytes). */
export const sha256: (data: Uint8Array) => Uint8Array = nodeCrypto?.hash
  ? (data) => nodeCrypto.hash!('sha256', data, 'buffer')
  : nodeCrypto
    ? (data) => nodeCrypto.createHash('sha256').update(data).digest()
    : jsSha256;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

export const toHex = (bytes: Uint8Array): string => encodeHexLowerCase(bytes);
/** Parses lowercase hex; throws on anything else so that hashes have exactly one spelling. */
export const fromHex = (hex: string): Uint8Array => {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error('expected lowercase hex');
  return decodeHex(hex);
};

export const toBase64 = (bytes: Uint8Array): string => encodeBase64(bytes);
export const fromBase64 = (text: string): Uint8Array => decodeBase64(text);

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
export const sha256Hex: (data: Uint8Array | string) => string = nodeCrypto?.hash
  ? (data) => nodeCrypto.hash!('sha256', data, 'hex') // strings hashed as UTF-8, no copy
  : (data) => toHex(sha256(typeof data === 'string' ? utf8(data) : data));

/** A 64-character lowercase hex SHA-256. */
export const hashHexPattern = /^[0-9a-f]{64}$/;

export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

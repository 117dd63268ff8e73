/**
 * RFC 8785 (JSON Canonicalization Scheme): the one byte sequence a JSON value is hashed and
 * signed as. Object members sorted by UTF-16 code units, no whitespace, ECMAScript number and
 * string serialisation. Implemented by `canonicalize` (by the RFC's author), not by hand.
 */
import canonicalize from 'canonicalize';
import { sha256Hex, utf8 } from './hash';

/** The canonical JSON text of a value. Throws for values JSON cannot carry (NaN, undefined, lone surrogates). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

/** The canonical JSON as UTF-8 bytes: what leaf hashes and signatures cover. */
export const canonicalBytes = (value: unknown): Uint8Array => utf8(canonicalJson(value));

/** Lowercase hex SHA-256 of the canonical JSON of a value (e.g. `contentSha256`). */
export const canonicalSha256 = (value: unknown): string => sha256Hex(canonicalJson(value));

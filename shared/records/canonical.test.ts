import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalSha256 } from './canonical';
import { fromHex, sha256Hex, toHex } from './hash';

describe('RFC 8785 canonical JSON', () => {
  it('sorts members by UTF-16 code units and drops whitespace (RFC 8785 §3.2.3 example)', () => {
    const value = JSON.parse('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}');
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000001, 1e-7, -0] })).toBe(
      '{"numbers":[333333333.3333333,1e+30,4.5,0.002,0.000001,1e-7,0]}',
    );
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
    expect(() => canonicalJson({ s: '\ud800' })).toThrow();
  });

  it('hashes to lowercase hex and round-trips hex', () => {
    expect(canonicalSha256({ b: 1, a: 2 })).toBe(sha256Hex('{"a":2,"b":1}'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('ABCD')).toThrow();
  });
});

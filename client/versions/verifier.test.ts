import { describe, expect, it } from 'vitest';
import type { Jwks } from '../../shared/records/jws';
import type { BundleReport } from '../../shared/records/verify-bundle';
import { createVerifier, signingKids, type VerifierIo } from './verifier';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwsBy = (kid: string) => `${b64url({ alg: 'EdDSA', kid })}.${b64url({})}.c2ln`;
const bundleSignedBy = (seq: number, kid: string) => ({ seq, jws: jwsBy(kid), treeHead: { jws: jwsBy(kid) } });
const jwksOf = (...kids: string[]): Jwks => ({ keys: kids.map((kid) => ({ kty: 'OKP', crv: 'Ed25519', x: kid, kid })) });

/** Fake I/O that counts requests; a bundle verifies when the JWKS lists its kid. */
function fakeIo(options: { kidOf?: (seq: number) => string; jwks?: () => Jwks; failBundle?: () => boolean } = {}) {
  const calls = { bundles: [] as number[], jwks: 0, verify: 0 };
  const io: VerifierIo = {
    fetchBundle: async (seq) => {
      calls.bundles.push(seq);
      if (options.failBundle?.()) throw new Error('offline');
      return bundleSignedBy(seq, options.kidOf?.(seq) ?? 'k1');
    },
    fetchJwks: async () => {
      calls.jwks++;
      return options.jwks?.() ?? jwksOf('k1');
    },
    verify: async (bundle, jwks): Promise<BundleReport> => {
      calls.verify++;
      const { seq } = bundle as { seq: number };
      const ok = signingKids(bundle).every((kid) => jwks.keys.some((k) => k.kid === kid));
      return { ok, seq, documentId: 'd', version: seq + 1, checks: [{ check: 'signature', status: ok ? 'pass' : 'fail', detail: '' }] };
    },
  };
  return { io, calls };
}

describe('signingKids', () => {
  it('reads the kid of the entry and tree head signatures, once each, ignoring junk', () => {
    expect(signingKids(bundleSignedBy(0, 'k1'))).toEqual(['k1']);
    expect(signingKids({ jws: jwsBy('a'), treeHead: { jws: jwsBy('b') } })).toEqual(['a', 'b']);
    expect(signingKids({ jws: 'not a jws', treeHead: null })).toEqual([]);
    expect(signingKids(null)).toEqual([]);
  });
});

describe('createVerifier', () => {
  it('verifies each seq once, shares the answer between callers and remembers it', async () => {
    const { io, calls } = fakeIo();
    const verifier = createVerifier(io);
    const [a, b] = await Promise.all([verifier.report(3), verifier.report(3)]);
    expect(a).toBe(b);
    expect(a.ok).toBe(true);
    await verifier.report(3);
    await verifier.report(4);
    expect(calls.bundles).toEqual([3, 4]);
    expect(calls.jwks).toBe(1);
    expect(verifier.known(3)).toBe(a);
    expect(verifier.known(5)).toBeUndefined();
  });

  it('forgets a failed download so that asking again retries', async () => {
    let offline = true;
    const { io, calls } = fakeIo({ failBundle: () => offline });
    const verifier = createVerifier(io);
    await expect(verifier.report(1)).rejects.toThrow('offline');
    expect(verifier.known(1)).toBeUndefined();
    offline = false;
    expect((await verifier.report(1)).ok).toBe(true);
    expect(calls.bundles).toEqual([1, 1]);
  });

  it('retries the JWKS after it failed to download', async () => {
    let fail = true;
    const { io, calls } = fakeIo({
      jwks: () => {
        if (fail) throw new Error('jwks down');
        return jwksOf('k1');
      },
    });
    const verifier = createVerifier(io);
    await expect(verifier.report(0)).rejects.toThrow('jwks down');
    fail = false;
    expect((await verifier.report(0)).ok).toBe(true);
    expect(calls.jwks).toBe(2);
  });

  it('fetches the JWKS again for a key published after it was loaded, once per unknown kid', async () => {
    let published = ['k1'];
    const { io, calls } = fakeIo({ kidOf: (seq) => (seq < 2 ? 'k1' : seq < 4 ? 'k2' : 'forged'), jwks: () => jwksOf(...published) });
    const verifier = createVerifier(io);
    expect((await verifier.report(0)).ok).toBe(true);
    published = ['k1', 'k2'];
    expect((await verifier.report(2)).ok).toBe(true);
    expect(calls.jwks).toBe(2);
    expect((await verifier.report(3)).ok).toBe(true);
    expect(calls.jwks).toBe(2);
    // A kid nobody published: asked for once, then the bundle simply fails.
    expect((await verifier.report(4)).ok).toBe(false);
    expect((await verifier.report(5)).ok).toBe(false);
    expect(calls.jwks).toBe(3);
  });

  it('load() downloads afresh, returns the bundle with its report and updates the cache', async () => {
    let kid = 'k1';
    const { io, calls } = fakeIo({ kidOf: () => kid });
    const verifier = createVerifier(io);
    expect((await verifier.report(7)).ok).toBe(true);
    kid = 'k9';
    const loaded = await verifier.load(7);
    expect(loaded.bundle).toMatchObject({ seq: 7 });
    expect(loaded.report.ok).toBe(false);
    expect(verifier.known(7)).toBe(loaded.report);
    expect(await verifier.report(7)).toBe(loaded.report);
    expect(calls.bundles).toEqual([7, 7]);
  });
});

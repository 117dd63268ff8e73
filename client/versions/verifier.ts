/**
 * Checks record bundles in the browser instead of trusting the server's word: fetch the bundle
 * and the agency's JWKS, run the shared `verifyBundle` (WebCrypto Ed25519 through jose).
 *
 * One verifier per open draft. Each seq is verified at most once (the report promise is cached and
 * shared by every badge that asks); a failed download is forgotten so it can be tried again. The
 * JWKS is fetched once, and again only when a bundle is signed by a key it does not list yet (a key
 * rotated after the page loaded): once per unknown key id, so a forged kid cannot make us loop.
 * No Solid, no DOM: the I/O is injected, which keeps this testable in Node.
 */
import { decodeProtectedHeader } from 'jose';
import type { BundleReport } from '../../shared/records/verify-bundle';
import type { Jwks } from '../../shared/records/jws';

export interface VerifierIo {
  fetchBundle(seq: number): Promise<unknown>;
  fetchJwks(): Promise<Jwks>;
  verify(bundle: unknown, jwks: Jwks): Promise<BundleReport>;
}

export interface LoadedRecord {
  /** The bundle exactly as downloaded (parsed JSON): what the report is about. */
  bundle: unknown;
  report: BundleReport;
}

export interface Verifier {
  /** The report for `seq`, computed once and cached. */
  report(seq: number): Promise<BundleReport>;
  /** The report if it is already known (no request). */
  known(seq: number): BundleReport | undefined;
  /** Download `seq`'s bundle afresh and verify it (for showing its content); refreshes the cache. */
  load(seq: number): Promise<LoadedRecord>;
}

/** The key ids a bundle's two signatures name (entry JWS and tree head JWS); junk is ignored. */
export function signingKids(bundle: unknown): string[] {
  const b = bundle as { jws?: unknown; treeHead?: { jws?: unknown } } | null;
  const kids: string[] = [];
  for (const jws of [b?.jws, b?.treeHead?.jws]) {
    if (typeof jws !== 'string') continue;
    try {
      const { kid } = decodeProtectedHeader(jws);
      if (typeof kid === 'string' && !kids.includes(kid)) kids.push(kid);
    } catch {
      // Not a JWS: verification reports it.
    }
  }
  return kids;
}

export function createVerifier(io: VerifierIo): Verifier {
  const reports = new Map<number, Promise<BundleReport>>();
  const settled = new Map<number, BundleReport>();
  const askedFor = new Set<string>();
  let jwks: Promise<Jwks> | null = null;

  const keys = () => {
    jwks ??= io.fetchJwks().catch((error: unknown) => {
      jwks = null;
      throw error;
    });
    return jwks;
  };

  async function check(bundle: unknown): Promise<BundleReport> {
    let current = await keys();
    const listed = new Set(current.keys.map((k) => k.kid));
    const missing = signingKids(bundle).filter((kid) => !listed.has(kid) && !askedFor.has(kid));
    if (missing.length) {
      missing.forEach((kid) => askedFor.add(kid));
      jwks = null;
      current = await keys();
    }
    return io.verify(bundle, current);
  }

  const remember = (seq: number, pending: Promise<BundleReport>) => {
    reports.set(seq, pending);
    pending.then(
      (report) => reports.get(seq) === pending && settled.set(seq, report),
      () => reports.get(seq) === pending && reports.delete(seq),
    );
    return pending;
  };

  return {
    report(seq) {
      return reports.get(seq) ?? remember(seq, io.fetchBundle(seq).then(check));
    },
    known: (seq) => settled.get(seq),
    async load(seq) {
      const bundle = await io.fetchBundle(seq);
      const report = await remember(seq, check(bundle));
      return { bundle, report };
    },
  };
}

/**
 * The dossier handover package (issue 11): a ZIP an archive verifies without trusting Codraft.
 *
 *   dossier.json                 metadata (our field names)
 *   dossier.xml                  the same metadata under the decree's field names (Decree 30/2020)
 *   records/<seq>.bundle.json    each filed record's bundle (issue 4 / event bundle format)
 *   records/<seq>.html           a readable rendering of each record
 *   manifest.json                {format, v, dossier, files: [{path, sha256, bytes}], createdAt}
 *   manifest.jws                 compact JWS (agency key) whose payload is manifest.json's bytes
 *
 * verifyPackage(zip, jwks) checks the signature, every file's SHA-256 against the manifest (and
 * that no file is missing or extra), and every bundle with verifyBundle; each failure names its
 * file. Pure (fflate unzip + WebCrypto): runs in the CLI and the browser alike.
 */
import { unzipSync } from 'fflate';
import { compactVerify, createLocalJWKSet } from 'jose';
import { fromUtf8, sha256Hex } from '../records/hash';
import { canonicalJson } from '../records/canonical';
import { verifyBundle, type Jwks } from '../records';

export const packageFormat = 'codraft.dossier-package';

export interface PackageManifest {
  format: typeof packageFormat;
  v: 1;
  dossier: { id: string; fileCode: string; title: string; state: string };
  files: { path: string; sha256: string; bytes: number }[];
  createdAt: string;
}

export interface PackageProblem {
  file: string;
  check: 'signature' | 'hash' | 'missing' | 'extra' | 'bundle' | 'format';
  detail: string;
}

export interface PackageReport {
  ok: boolean;
  fileCode: string | null;
  files: number;
  bundles: number;
  problems: PackageProblem[];
}

export const manifestBytes = (manifest: PackageManifest) => new TextEncoder().encode(canonicalJson(manifest));

export async function verifyPackage(zip: Uint8Array, jwks: Jwks): Promise<PackageReport> {
  const problems: PackageProblem[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return { ok: false, fileCode: null, files: 0, bundles: 0, problems: [{ file: '(zip)', check: 'format', detail: `not a readable ZIP: ${(error as Error).message}` }] };
  }
  const manifestFile = entries['manifest.json'];
  const jwsFile = entries['manifest.jws'];
  if (!manifestFile || !jwsFile) {
    return { ok: false, fileCode: null, files: 0, bundles: 0, problems: [{ file: manifestFile ? 'manifest.jws' : 'manifest.json', check: 'missing', detail: 'the package has no signed manifest' }] };
  }
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(fromUtf8(manifestFile)) as PackageManifest;
    if (manifest.format !== packageFormat || !Array.isArray(manifest.files)) throw new Error('not a dossier package manifest');
  } catch (error) {
    return { ok: false, fileCode: null, files: 0, bundles: 0, problems: [{ file: 'manifest.json', check: 'format', detail: (error as Error).message }] };
  }
  try {
    const { payload } = await compactVerify(fromUtf8(jwsFile).trim(), createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    if (sha256Hex(payload) !== sha256Hex(manifestFile)) problems.push({ file: 'manifest.json', check: 'signature', detail: 'differs from what manifest.jws signed' });
  } catch (error) {
    problems.push({ file: 'manifest.jws', check: 'signature', detail: `signature does not verify with the published keys: ${(error as Error).message}` });
  }
  const listed = new Set<string>();
  let bundles = 0;
  for (const file of manifest.files) {
    listed.add(file.path);
    const bytes = entries[file.path];
    if (!bytes) {
      problems.push({ file: file.path, check: 'missing', detail: 'listed in the manifest but not in the package' });
      continue;
    }
    if (sha256Hex(bytes) !== file.sha256) {
      problems.push({ file: file.path, check: 'hash', detail: 'SHA-256 differs from the manifest (the file was changed)' });
    }
    if (file.path.endsWith('.bundle.json')) {
      bundles++;
      try {
        const report = await verifyBundle(JSON.parse(fromUtf8(bytes)), jwks);
        if (!report.ok) {
          const failed = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.check}: ${c.detail}`);
          problems.push({ file: file.path, check: 'bundle', detail: failed.join('; ') });
        }
      } catch (error) {
        problems.push({ file: file.path, check: 'bundle', detail: `unreadable bundle: ${(error as Error).message}` });
      }
    }
  }
  for (const path of Object.keys(entries)) {
    if (path !== 'manifest.json' && path !== 'manifest.jws' && !path.endsWith('/') && !listed.has(path)) {
      problems.push({ file: path, check: 'extra', detail: 'in the package but not in the signed manifest' });
    }
  }
  return { ok: problems.length === 0, fileCode: manifest.dossier?.fileCode ?? null, files: manifest.files.length, bundles, problems };
}

/**
 * `codraft verify`: check the whole record ledger in the database (every signature, content and
 * Yjs hash, leaf, tree node and signed tree head) and name each entry that fails and why.
 * `codraft verify bundle.json --jwks jwks.json`: check one exported bundle offline — no database,
 * no configuration, no network. Either way the exit code is 1 when anything fails.
 */
import fs from 'node:fs/promises';
import { loadConfig } from '../../config';
import { AppError } from '../../errors';
import { defaultCheckpointPath, readCheckpoint, writeCheckpoint } from '../../records/verify-checkpoint';
import { verifyLedger, type LedgerReport } from '../../records/verify-ledger';
import { verifyBundle, type BundleReport, type Jwks } from '../../../shared/records';
import { withDatabase } from '../database';
import { verifyAuditTrail, type AuditReport } from '../../audit/verify-chain';
import { verifyPackage, type PackageReport } from '../../../shared/dossiers/package';
import { UsageError, type CliCommand } from '../registry';

const failed = (message: string) => new AppError(422, 'verification_failed', message);

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} ${file} is not JSON`);
  }
}

export function printBundleReport(report: BundleReport, file: string) {
  const head = report.seq === null ? file : `entry ${report.seq} — document ${report.documentId}, version ${report.version}`;
  console.log(`Record bundle ${file}: ${head}`);
  for (const c of report.checks) console.log(`  ${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '-'} ${c.check.padEnd(18)} ${c.detail}`);
}

export function printLedgerReport(report: LedgerReport, where: string) {
  const seconds = (report.ms / 1000).toFixed(2);
  const summary = `${report.entries} entries, ${report.treeHeads} signed tree heads, ${report.keys} key(s) in the ${where}`;
  const signatures =
    report.mode === 'incremental' ? 'signatures new since the last verified checkpoint (older ones unchanged, byte for byte)' : 'every signature';
  if (report.ok) {
    console.log(`✓ ${summary}: ${signatures}, content/HTML/text/Yjs hash, leaf, tree node and tree head checks out (${seconds} s)`);
    return;
  }
  console.log(`✗ ${summary}: ${report.problems.length} problem(s) (${seconds} s)`);
  for (const p of report.problems) console.log(`  ✗ ${p.subject}: ${p.check} — ${p.detail}`);
}

export function printPackageReport(report: PackageReport, file: string) {
  console.log(`Dossier package ${file}: ${report.fileCode ?? '(unknown dossier)'} — ${report.files} file(s), ${report.bundles} record bundle(s)`);
  if (report.ok) console.log('  ✓ manifest signature, every file’s SHA-256 and every record bundle check out');
  for (const p of report.problems) console.log(`  ✗ ${p.file}: ${p.check} — ${p.detail}`);
}

export function printAuditReport(report: AuditReport) {
  const summary = `${report.events} audit event(s), ${report.anchors} anchor(s) in the ledger`;
  if (report.ok) {
    console.log(`✓ ${summary}: hash chain and anchors check out`);
    return;
  }
  console.log(`✗ ${summary}: ${report.problems.length} problem(s)`);
  for (const p of report.problems) console.log(`  ✗ ${p.subject}: ${p.check} — ${p.detail}`);
}

export const verify: CliCommand = {
  name: 'verify',
  summary: 'Verify the whole record ledger, or one exported bundle offline',
  usage: [
    '                      (no file) the whole ledger in the configured database',
    '<bundle.json>         one bundle, offline; needs --jwks',
    '<package.zip>         a dossier handover package, offline; needs --jwks',
    '--jwks <jwks.json>    the agency\'s published keys (GET /.well-known/jwks.json)',
    '--json                print the report as JSON',
    '--full                re-verify every signature, ignoring the checkpoint of the last good run',
    '--hash-locally        read every content byte and hash it here, not in the database (slower)',
    '--checkpoint <file>   where that checkpoint lives (default DATA_DIR/records/verify-checkpoint.json)',
  ],
  options: { jwks: { type: 'string' }, json: { type: 'boolean', default: false }, full: { type: 'boolean', default: false }, 'hash-locally': { type: 'boolean', default: false }, checkpoint: { type: 'string' } },
  positionals: true,
  run: async (values) => {
    const files = (values._positionals as string[] | undefined) ?? [];
    if (files.length > 1) throw new UsageError('Name one bundle file at a time');
    if (files.length === 1) {
      if (typeof values.jwks !== 'string') throw new UsageError('--jwks: offline verification needs the published keys (save GET /.well-known/jwks.json)');
      const jwks = (await readJson(values.jwks, 'JWKS')) as Jwks;
      if (!Array.isArray((jwks as { keys?: unknown }).keys)) throw new UsageError(`JWKS ${values.jwks} has no "keys" array`);
      if (files[0]!.endsWith('.zip')) {
        // A dossier handover package (issue 11): manifest signature, every file's hash, every bundle.
        let zip: Uint8Array;
        try {
          zip = new Uint8Array(await fs.readFile(files[0]!));
        } catch (error) {
          throw new UsageError(`Cannot read package ${files[0]}: ${(error as Error).message}`);
        }
        const pkg = await verifyPackage(zip, jwks);
        if (values.json) console.log(JSON.stringify(pkg, null, 2));
        else printPackageReport(pkg, files[0]!);
        if (!pkg.ok) throw failed(`FAILED: ${pkg.problems.map((p) => p.file).join(', ')}`);
        console.log('✓ verified');
        return;
      }
      const report = await verifyBundle(await readJson(files[0]!, 'bundle'), jwks);
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else printBundleReport(report, files[0]!);
      if (!report.ok) throw failed(`FAILED: ${report.checks.filter((c) => c.status === 'fail').map((c) => c.check).join(', ')}`);
      console.log('✓ verified');
      return;
    }
    if (values.jwks !== undefined) throw new UsageError('--jwks is for verifying a bundle file; the ledger check reads keys from the database');
    const config = loadConfig();
    // Kept outside the database, so whoever can change the database cannot vouch for it.
    const checkpointFile = typeof values.checkpoint === 'string' ? values.checkpoint : config.DATA_DIR === 'memory://' ? null : defaultCheckpointPath(config.dataDir);
    await withDatabase(async (db, where) => {
      const checkpoint = checkpointFile && !values.full ? await readCheckpoint(checkpointFile) : null;
      const report = await verifyLedger(db, { checkpoint, hashContentIn: values['hash-locally'] ? 'verifier' : 'database' });
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else printLedgerReport(report, where);
      // The audit trail (issue 11): hash chain and its anchors in the ledger.
      const audit = await verifyAuditTrail(db);
      if (values.json) console.log(JSON.stringify({ audit }, null, 2));
      else printAuditReport(audit);
      if (!report.ok) throw failed(`FAILED: ${report.problems.length} problem(s) in the ledger`);
      if (!audit.ok) throw failed(`FAILED: ${audit.problems.length} problem(s) in the audit trail`);
      if (checkpointFile && report.checkpoint) await writeCheckpoint(checkpointFile, report.checkpoint);
    });
  },
};

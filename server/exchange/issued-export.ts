/**
 * The PDF of an issued document (issue 10's ledger event "document.issued"): the sealed body gives
 * the number and symbol, issue date, the persons' signatures (signing times) and the version that
 * was signed; the frozen content comes from that version's record and must still match its hash.
 * Rendered through the same AdministrativeDocument as frozen versions, with the issued marks.
 */
import type { Executor } from '../db/client';
import { conflict } from '../errors';
import { buildEventBundle } from '../records/bundle';
import { loadRecord } from '../records/versions';
import { sha256Hex } from '../../shared/records';
import { issuedBodySchema } from '../../shared/signatures/issued';
import { documentTypes, type AdministrativeDocument } from '../../shared/exchange/administrative-document';
import type { PMNode } from '../../shared/exchange/prosemirror-json';
import type { AgencySettings } from '../../shared/agency/settings';
import { frozenLayout } from './export-sources';

export async function issuedLayout(db: Executor, seq: number, agency: AgencySettings): Promise<{ layout: AdministrativeDocument; contentSha256: string; recordedAt: string } | null> {
  const bundle = await buildEventBundle(db, seq);
  const parsed = issuedBodySchema.safeParse(bundle?.body);
  if (!bundle || !parsed.success) return null;
  const body = parsed.data;
  const version = body.versionEntry as { title?: string; contentSha256?: string; frozenAt?: string };
  const record = await loadRecord(db, body.versionSeq);
  if (!record || !version.contentSha256 || sha256Hex(record.json) !== version.contentSha256) {
    throw conflict(`The stored content of issued record ${seq} does not match its signed version: run codraft verify`);
  }
  const content = JSON.parse(record.json) as PMNode;
  const base = frozenLayout(agency, version.title ?? '', `${body.issueDate}T12:00:00+07:00`, content);
  const typeName = documentTypes.find((t) => t.abbreviation === body.documentType)?.name;
  const signers = body.signatures.filter((s) => s.kind === 'sign');
  const signer = signers[signers.length - 1];
  const layout: AdministrativeDocument = {
    ...base,
    // The type from the register when the title does not start with it.
    documentType: base.documentType || (typeName ? typeName.toLocaleUpperCase('vi') : ''),
    symbol: body.notation,
    signer: { ...base.signer, name: signer?.signer.name ?? '' },
    issued: {
      issuedAt: body.issuedAt,
      signatures: signers.map((s) => ({ name: s.signer.name, signedAt: s.payload.signedAt })),
      sealKid: undefined,
    },
  };
  return { layout, contentSha256: version.contentSha256, recordedAt: (bundle.entry as { recordedAt?: string }).recordedAt ?? body.issuedAt };
}

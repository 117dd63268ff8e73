/**
 * What can be exported, loaded with the same access rules as reading it (unknown or invisible →
 * 404): a draft's current content (from the collaboration service), a frozen version, a record
 * (a version's ledger entry, with its verification data). Frozen content must still match its
 * signed entry, or we refuse to print a tampered copy (409, as restoring does).
 */
import * as Y from 'yjs';
import type { CollabService } from '../collab/service';
import type { Executor } from '../db/client';
import { conflict, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { loadEntryHead, loadRecord, loadVersion } from '../records/versions';
import { getAgencySettings } from '../agency/settings';
import { canView, canViewRecord } from '../../shared/permissions';
import { issuedKind } from '../../shared/signatures/issued';
import { issuedLayout } from './issued-export';
import { sha256Hex } from '../../shared/records';
import { proseMirrorFromYDoc } from '../../shared/records/derive';
import { splitTitle, type AdministrativeDocument } from '../../shared/exchange/administrative-document';
import type { PMNode } from '../../shared/exchange/prosemirror-json';
import type { AgencySettings } from '../../shared/agency/settings';
import type { ExportDocument } from './export-model';

const fileBaseOf = (title: string) =>
  title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80).toLowerCase() || 'document';

export async function draftExport(db: Executor, collab: CollabService, user: SessionUser, documentId: string): Promise<ExportDocument> {
  const doc = await loadDocumentFacts(db, documentId);
  if (!doc || !canView(user, doc)) throw notFound('Document');
  const state = await collab.readState(documentId);
  const ydoc = new Y.Doc();
  try {
    if (state.length) Y.applyUpdate(ydoc, state);
    const content = proseMirrorFromYDoc(ydoc).toJSON() as PMNode;
    return { title: doc.title, content, fileBase: fileBaseOf(doc.title) };
  } finally {
    ydoc.destroy();
  }
}

/**
 * A frozen version in the administrative layout, with what is known: the agency's settings, the
 * type and summary from the title, the freezing date; no number yet ("Số: …/…"), the default signer
 * title of the agency and no name.
 */
export function frozenLayout(agency: AgencySettings, title: string, frozenAt: string, content: PMNode): AdministrativeDocument {
  const { documentType, summary } = splitTitle(title);
  const signer = agency.signerTitles[0];
  return {
    agency: agency.name,
    superiorBody: agency.superiorBody || undefined,
    place: agency.placeName,
    date: frozenAt,
    documentType,
    summary,
    content,
    signer: { authorityPrefix: signer?.authorityPrefix || undefined, title: signer?.title ?? '', name: '' },
    recipients: ['Lưu: VT'],
  };
}

async function frozenContent(db: Executor, seq: number, contentSha256: string, label: string) {
  const record = await loadRecord(db, seq);
  if (!record || sha256Hex(record.json) !== contentSha256) {
    throw conflict(`The stored content of ${label} does not match its signed record: run codraft verify`);
  }
  return JSON.parse(record.json) as PMNode;
}

export async function versionExport(db: Executor, user: SessionUser, versionId: string): Promise<ExportDocument> {
  const version = await loadVersion(db, versionId);
  const doc = version && (await loadDocumentFacts(db, version.documentId));
  if (!version || !doc || !canView(user, doc)) throw notFound('Version');
  const { entry } = version;
  const content = await frozenContent(db, entry.seq, entry.contentSha256, `version ${entry.version}`);
  return {
    title: entry.title,
    content,
    administrative: frozenLayout(await getAgencySettings(db), entry.title, entry.frozenAt, content),
    fileBase: `${fileBaseOf(entry.title)}-v${entry.version}`,
  };
}

/**
 * A record's PDF, plus where to verify it: a version in the administrative layout as frozen; an
 * issued document (issue 10) with its number, symbol, signatures and seal marks. Access as for its
 * bundle (canViewRecord); other event entries have no printable form (404).
 */
export async function recordExport(db: Executor, user: SessionUser, seq: number, origin: string): Promise<ExportDocument & { documentId: string }> {
  const head = await loadEntryHead(db, seq);
  const documentId = head?.documentId;
  const doc = documentId ? await loadDocumentFacts(db, documentId) : null;
  if (!head || !documentId || !doc || !canViewRecord(user, { kind: head.kind, document: doc })) throw notFound('Record');
  const verifyUrl = `${origin}/api/records/${seq}/verify`;
  const agency = await getAgencySettings(db);
  if (head.kind === issuedKind) {
    const issued = await issuedLayout(db, seq, agency);
    if (!issued) throw notFound('Record');
    return {
      documentId,
      title: issued.layout.summary,
      content: issued.layout.content,
      administrative: issued.layout,
      verification: { seq, contentSha256: issued.contentSha256, recordedAt: issued.recordedAt, verifyUrl },
      fileBase: `record-${seq}`,
    };
  }
  const record = await loadRecord(db, seq);
  if (!record) throw notFound('Record');
  const entry = JSON.parse(record.entry) as { seq: number; title: string; frozenAt: string; contentSha256: string; version: number };
  const content = await frozenContent(db, seq, entry.contentSha256, `record ${seq}`);
  return {
    documentId,
    title: entry.title,
    content,
    administrative: frozenLayout(agency, entry.title, entry.frozenAt, content),
    verification: { seq, contentSha256: entry.contentSha256, recordedAt: entry.frozenAt, verifyUrl },
    fileBase: `record-${seq}`,
  };
}

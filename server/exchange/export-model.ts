/** What every exporter (DOCX, PDF, Markdown) takes: a draft's content, or an administrative document. */
import type { AdministrativeDocument } from '../../shared/exchange/administrative-document';
import type { PMNode } from '../../shared/exchange/prosemirror-json';

/** Where a printed record leads back to the ledger. */
export interface RecordVerification {
  seq: number;
  /** SHA-256 (hex) of the record's canonical content, as committed in its signed entry. */
  contentSha256: string;
  recordedAt: string;
  /** Absolute URL where the record's checks can be run. */
  verifyUrl: string;
}

export interface ExportDocument {
  title: string;
  content: PMNode;
  /** Set for frozen versions and issued documents: render in the administrative layout. */
  administrative?: AdministrativeDocument;
  verification?: RecordVerification;
  /** File name without extension. */
  fileBase: string;
}

/** A draft prints its title first unless its content already opens with that heading. */
export function needsTitleLine(doc: ExportDocument): boolean {
  const first = doc.content.content?.[0];
  const text = first?.type === 'heading' ? (first.content ?? []).map((n) => n.text ?? '').join('').trim() : '';
  return text !== doc.title.trim();
}

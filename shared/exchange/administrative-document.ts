/**
 * The administrative document layout's input (Decree 30/2020, appendix I): one plain object that
 * every renderer (PDF, DOCX) takes, so issue 10's issued documents and frozen versions print the
 * same way. Also the small text rules of the layout: the number line, the place-and-date line, the
 * signing time in ISO 8601 with Vietnam's +07:00 offset. No I/O.
 */
import type { PMNode } from './prosemirror-json';

export const nationalName = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const nationalMotto = 'Độc lập - Tự do - Hạnh phúc';

export interface AdministrativeSigner {
  /** Line(s) above the title: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" … (newline separated); empty when none. */
  authorityPrefix?: string;
  title: string;
  name: string;
}

export interface IssuedMarks {
  /** When the agency signed (issued), any ISO time; printed in +07:00. */
  issuedAt: string;
  /** Personal signatures, in signing order. */
  signatures: { name: string; title?: string; signedAt: string }[];
  /** Key id of the agency's seal signature. */
  sealKid?: string;
}

export interface AdministrativeDocument {
  /** Issuing authority, e.g. "ỦY BAN NHÂN DÂN XÃ AN BÌNH". */
  agency: string;
  /** Superior body printed above it, e.g. "ỦY BAN NHÂN DÂN HUYỆN PHÚ GIÁO". */
  superiorBody?: string;
  /** Registration number ("07"); absent until issued → "Số: …". */
  number?: string;
  /** Symbol after the slash ("QĐ-UBND"); a full "07/QĐ-UBND" is accepted too. */
  symbol?: string;
  /** Place name of the date line. */
  place: string;
  /** Date of the document, any ISO time (printed as the calendar day in Vietnam). */
  date: string;
  /** Type name printed in capitals ("QUYẾT ĐỊNH"); empty for an official letter (công văn). */
  documentType: string;
  /** Summary ("Về việc …"). */
  summary: string;
  content: PMNode;
  signer: AdministrativeSigner;
  recipients: string[];
  issued?: IssuedMarks;
}

const vietnamOffsetMs = 7 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Calendar parts of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + vietnamOffsetMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** ISO 8601 with the +07:00 offset, to the second: "2026-03-05T10:15:00+07:00". */
export function vietnamIso(iso: string): string {
  const p = vietnamParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+07:00`;
}

/** "An Bình, ngày 05 tháng 3 năm 2026": days below 10 and months below 3 take a leading zero. */
export function dateLine(place: string, iso: string): string {
  const p = vietnamParts(iso);
  const day = p.day < 10 ? pad(p.day) : String(p.day);
  const month = p.month < 3 ? pad(p.month) : String(p.month);
  return `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${p.year}`;
}

/** "Số: 07/QĐ-UBND"; without a number "Số: …/QĐ-UBND", with nothing known "Số: …/…". */
export function numberLine(number?: string, symbol?: string): string {
  if (symbol?.includes('/')) return `Số: ${symbol}`;
  return `Số: ${number || '…'}/${symbol || '…'}`;
}

/** Document types with their abbreviation in symbols (Decree 30/2020, appendix III). */
export const documentTypes: { name: string; abbreviation: string }[] = [
  { name: 'Nghị quyết', abbreviation: 'NQ' }, { name: 'Quyết định', abbreviation: 'QĐ' }, { name: 'Chỉ thị', abbreviation: 'CT' },
  { name: 'Quy chế', abbreviation: 'QC' }, { name: 'Quy định', abbreviation: 'QyĐ' }, { name: 'Thông cáo', abbreviation: 'TC' },
  { name: 'Thông báo', abbreviation: 'TB' }, { name: 'Hướng dẫn', abbreviation: 'HD' }, { name: 'Chương trình', abbreviation: 'CTr' },
  { name: 'Kế hoạch', abbreviation: 'KH' }, { name: 'Phương án', abbreviation: 'PA' }, { name: 'Đề án', abbreviation: 'ĐA' },
  { name: 'Dự án', abbreviation: 'DA' }, { name: 'Báo cáo', abbreviation: 'BC' }, { name: 'Biên bản', abbreviation: 'BB' },
  { name: 'Tờ trình', abbreviation: 'TTr' }, { name: 'Hợp đồng', abbreviation: 'HĐ' }, { name: 'Công điện', abbreviation: 'CĐ' },
  { name: 'Bản ghi nhớ', abbreviation: 'BGN' }, { name: 'Bản thỏa thuận', abbreviation: 'BTT' }, { name: 'Giấy ủy quyền', abbreviation: 'GUQ' },
  { name: 'Giấy mời', abbreviation: 'GM' }, { name: 'Giấy giới thiệu', abbreviation: 'GGT' }, { name: 'Giấy nghỉ phép', abbreviation: 'GNP' },
  { name: 'Phiếu gửi', abbreviation: 'PG' }, { name: 'Phiếu chuyển', abbreviation: 'PC' }, { name: 'Phiếu báo', abbreviation: 'PB' },
];

/**
 * Split a draft title into type and summary when it starts with a type name:
 * "Quyết định về việc …" → {documentType: "QUYẾT ĐỊNH", summary: "Về việc …"}.
 */
export function splitTitle(title: string): { documentType: string; summary: string } {
  const t = title.trim();
  for (const { name } of [...documentTypes].sort((a, b) => b.name.length - a.name.length)) {
    if (t.toLocaleLowerCase('vi').startsWith(name.toLocaleLowerCase('vi')) && (t.length === name.length || /[\s:,-]/.test(t[name.length]!))) {
      const rest = t.slice(name.length).replace(/^[\s:,-]+/, '');
      return { documentType: name.toLocaleUpperCase('vi'), summary: rest ? rest[0]!.toLocaleUpperCase('vi') + rest.slice(1) : '' };
    }
  }
  return { documentType: '', summary: t };
}

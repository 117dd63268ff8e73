/** Messages of the agency settings form (administrators). */
import type { CatalogOf } from '../i18n/catalogs';

export const en = {
  'agency.tab': 'Agency',
  'agency.intro': 'These fill the header of every administrative document: the issuing authority, its superior body, the place of the date line and the signer titles.',
  'agency.name': 'Issuing authority (full name)',
  'agency.abbreviation': 'Abbreviation in symbols (e.g. UBND)',
  'agency.code': 'Agency code (for dossier file codes)',
  'agency.superiorBody': 'Superior body',
  'agency.placeName': 'Place name (date line)',
  'agency.signerTitles': 'Signer titles, one per line: "authority prefix | title", e.g. "TM. ỦY BAN NHÂN DÂN | CHỦ TỊCH"',
  'agency.save': 'Save settings',
  'agency.saved': 'Agency settings saved.',
} as const;

export const vi: CatalogOf<typeof en> = {
  'agency.tab': 'Cơ quan',
  'agency.intro': 'Các thông tin này tự điền vào phần đầu mỗi văn bản hành chính: cơ quan ban hành, cơ quan chủ quản, địa danh ghi ngày tháng và chức vụ người ký.',
  'agency.name': 'Tên cơ quan ban hành (đầy đủ)',
  'agency.abbreviation': 'Chữ viết tắt trong ký hiệu (ví dụ UBND)',
  'agency.code': 'Mã cơ quan (dùng trong mã hồ sơ)',
  'agency.superiorBody': 'Cơ quan chủ quản',
  'agency.placeName': 'Địa danh (dòng ngày tháng)',
  'agency.signerTitles': 'Chức vụ người ký, mỗi dòng một mục: "quyền hạn | chức vụ", ví dụ "TM. ỦY BAN NHÂN DÂN | CHỦ TỊCH"',
  'agency.save': 'Lưu thiết lập',
  'agency.saved': 'Đã lưu thiết lập cơ quan.',
};

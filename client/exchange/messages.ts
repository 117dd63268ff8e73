/** Messages of importing and exporting documents (issue 13). */
import type { CatalogOf } from '../i18n/catalogs';

export const en = {
  'exchange.import': 'Import Word or Markdown',
  'exchange.importing': 'Importing…',
  'exchange.imported': 'Imported as a new draft.',
  'exchange.droppedIntro': 'Some content could not be imported:',
  'exchange.dropped.image': '{count} image(s) (left as a placeholder)',
  'exchange.dropped.other': '{count} × {what}',
  'exchange.legacy': 'Old Vietnamese font encoding ({encodings}) was converted to Unicode: check the text.',
  'exchange.export': 'Export',
  'exchange.exportAs': 'Export this draft',
  'exchange.docx': 'Word (.docx)',
  'exchange.pdf': 'PDF',
  'exchange.md': 'Markdown (.md)',
  'exchange.versionExport': 'Download version {version} as',
} as const;

export const vi: CatalogOf<typeof en> = {
  'exchange.import': 'Nhập từ Word hoặc Markdown',
  'exchange.importing': 'Đang nhập…',
  'exchange.imported': 'Đã nhập thành dự thảo mới.',
  'exchange.droppedIntro': 'Một số nội dung không nhập được:',
  'exchange.dropped.image': '{count} hình ảnh (thay bằng chỗ đánh dấu)',
  'exchange.dropped.other': '{count} × {what}',
  'exchange.legacy': 'Văn bản dùng bảng mã cũ ({encodings}) đã được chuyển sang Unicode: hãy kiểm tra lại.',
  'exchange.export': 'Xuất',
  'exchange.exportAs': 'Xuất dự thảo này',
  'exchange.docx': 'Word (.docx)',
  'exchange.pdf': 'PDF',
  'exchange.md': 'Markdown (.md)',
  'exchange.versionExport': 'Tải phiên bản {version} dạng',
};

/** What the live connection tells people beyond connected/saved (issue 7). */
import type { CatalogOf } from '../i18n/catalogs';

export const en = {
  'realtime.signedOut': 'Signed out: this document stopped syncing. Sign in again to continue; your unsent edits stay on this device.',
  'realtime.tooLarge': 'Your unsent edits are too large to send to the server. They stay on this device; split the text or ask an administrator.',
  'realtime.storageBusy': 'The server cannot store edits right now. They stay on this device and are sent again automatically.',
  'realtime.discarded': {
    one: '{count} change made without edit access was discarded: you may only read this document.',
    other: '{count} changes made without edit access were discarded: you may only read this document.',
  },
} as const;

export const vi: CatalogOf<typeof en> = {
  'realtime.signedOut': 'Đã đăng xuất: tài liệu này ngừng đồng bộ. Hãy đăng nhập lại để tiếp tục; các chỉnh sửa chưa gửi vẫn được giữ trên thiết bị này.',
  'realtime.tooLarge': 'Các chỉnh sửa chưa gửi quá lớn để gửi lên máy chủ. Chúng vẫn được giữ trên thiết bị này; hãy chia nhỏ văn bản hoặc liên hệ quản trị viên.',
  'realtime.storageBusy': 'Máy chủ tạm thời không lưu được chỉnh sửa. Chúng vẫn được giữ trên thiết bị này và sẽ được gửi lại tự động.',
  'realtime.discarded': {
    other: 'Đã hủy {count} thay đổi thực hiện khi không có quyền chỉnh sửa: bạn chỉ được xem tài liệu này.',
  },
};

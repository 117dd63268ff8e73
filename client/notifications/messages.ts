/** Messages of the notification badge and list (issue 8; later issues add their kinds' texts). */
import type { CatalogOf } from '../i18n/catalogs';

export const en = {
  'notifications.button': 'Notifications',
  'notifications.buttonLabel': { one: 'Notifications: 1 unread', other: 'Notifications: {count} unread' },
  'notifications.title': 'Notifications',
  'notifications.empty': 'Nothing new.',
  'notifications.markAll': 'Mark all as read',
  'notifications.kind.mention': '{actor} mentioned you in “{title}”',
  'notifications.kind.reply': '{actor} replied to your comment in “{title}”',
  'notifications.kind.annotation': '{actor} annotated your draft “{title}”',
  'notifications.kind.thread_resolved': '{actor} resolved your comment in “{title}”',
  'notifications.kind.other': 'New activity in “{title}”',
  'notifications.unread': 'Unread',
  'notifications.loadFailed': 'Notifications could not be loaded.',
} as const;

export const vi: CatalogOf<typeof en> = {
  'notifications.button': 'Thông báo',
  'notifications.buttonLabel': { other: 'Thông báo: {count} chưa đọc' },
  'notifications.title': 'Thông báo',
  'notifications.empty': 'Không có gì mới.',
  'notifications.markAll': 'Đánh dấu tất cả đã đọc',
  'notifications.kind.mention': '{actor} đã nhắc đến bạn trong “{title}”',
  'notifications.kind.reply': '{actor} đã trả lời góp ý của bạn trong “{title}”',
  'notifications.kind.annotation': '{actor} đã cho ý kiến chỉ đạo về dự thảo “{title}” của bạn',
  'notifications.kind.thread_resolved': '{actor} đã xử lý góp ý của bạn trong “{title}”',
  'notifications.kind.other': 'Có hoạt động mới trong “{title}”',
  'notifications.unread': 'Chưa đọc',
  'notifications.loadFailed': 'Không tải được thông báo.',
};

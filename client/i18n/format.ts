/** Dates, times and numbers for the UI language, through `Intl` (pure: `now` is a parameter). */
import { intlTag, type Locale } from './translate';

export const formatDateTime = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatNumber = (value: number, locale: Locale) => new Intl.NumberFormat(intlTag(locale)).format(value);

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "5 minutes ago" / "5 phút trước" for the last week, then a plain date and time. */
export function formatRelative(iso: string, locale: Locale, now: number = Date.now()): string {
  const elapsed = now - new Date(iso).getTime();
  const rtf = new Intl.RelativeTimeFormat(intlTag(locale), { numeric: 'auto' });
  if (elapsed < 45_000) return rtf.format(0, 'second');
  if (elapsed < 45 * minute) return rtf.format(-Math.max(1, Math.round(elapsed / minute)), 'minute');
  if (elapsed < 22 * hour) return rtf.format(-Math.round(elapsed / hour), 'hour');
  if (elapsed < 7 * day) return rtf.format(-Math.round(elapsed / day), 'day');
  return formatDateTime(iso, locale);
}

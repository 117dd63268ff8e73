/** Dates, times and numbers for the UI language, through `Intl` (pure: `now` is a parameter). */
import { intlTag, type Locale } from './translate';

/**
 * A date and time in the administrative style: `08:20, 30/11/2026` (24-hour clock, day/month/year,
 * two-digit day and month), with the locale's own digits.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}, ${part('day')}/${part('month')}/${part('year')}`;
}

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

/** Times of rounds in the agency's time zone (TZ_DISPLAY, sent by the server) and durations. */
import { locale } from '../i18n/i18n';
import { intlTag } from '../i18n/translate';

/** `17:00, 30/11/2026` in the agency's zone, whatever the device's. */
export function agencyTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(intlTag(locale()), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}, ${part('day')}/${part('month')}/${part('year')}`;
}

/** "2 days", "3 hours", "5 minutes" (the largest whole unit). */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const [value, unit] = abs >= 86_400_000 ? [abs / 86_400_000, 'day'] : abs >= 3_600_000 ? [abs / 3_600_000, 'hour'] : [Math.max(1, abs / 60_000), 'minute'];
  return new Intl.NumberFormat(intlTag(locale()), { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.floor(value));
}

/** A datetime-local input's value as an ISO instant with the device's offset. */
export function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

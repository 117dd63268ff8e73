/**
 * The UI language as reactive state: `t(key, params)` reads the current catalog, so every text
 * re-renders when the person switches language. The choice is remembered in localStorage and
 * reflected in `<html lang>`.
 */
import { createSignal } from 'solid-js';
import { en, vi, type MessageKey } from './catalogs';
import { formatDateTime, formatNumber, formatRelative } from './format';
import { pickLocale, translate, type Locale, type Params } from './translate';

export type { Locale, MessageKey };
export { locales } from './translate';

const catalogs = { en, vi } as const;
const storageKey = 'codraft:locale';

const readStored = () => {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
};

const [locale, setLocaleSignal] = createSignal<Locale>(pickLocale(navigator.languages ?? [navigator.language], readStored()));
document.documentElement.lang = locale();
export { locale };

export function setLocale(next: Locale) {
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

export const t = (key: MessageKey, params?: Params) => translate(catalogs[locale()], locale(), key, params);
export const dateTime = (iso: string) => formatDateTime(iso, locale());
/** "just now" for the last 45 seconds, then "5 minutes ago"…, then a date. */
export const relative = (iso: string, now = Date.now()) => (now - Date.parse(iso) < 45_000 ? t('time.justNow') : formatRelative(iso, locale(), now));
export const number = (value: number) => formatNumber(value, locale());

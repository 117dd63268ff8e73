/**
 * The UI language as reactive state: `t(key, params)` reads the current catalog, so every text
 * re-renders when the person switches language. The choice is remembered in localStorage and
 * reflected in `<html lang>`.
 */
import { createSignal } from 'solid-js';
import { ar, en, vi, type MessageKey } from './catalogs';
import { formatDateTime, formatNumber, formatRelative } from './format';
import { directionOf, pickLocale, translate, type Locale, type Params } from './translate';

export type { Locale, MessageKey };
export { locales } from './translate';

const catalogs = { en, vi, ar } as const;
const storageKey = 'codraft:locale';

const readStored = () => {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
};

const [locale, setLocaleSignal] = createSignal<Locale>(pickLocale(navigator.languages ?? [navigator.language], readStored()));
/** `<html lang dir>` follow the UI language: screen readers pick the voice, the layout mirrors for Arabic. */
const reflect = (next: Locale) => {
  document.documentElement.lang = next;
  document.documentElement.dir = directionOf(next);
};
reflect(locale());
export { locale };

export function setLocale(next: Locale) {
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  reflect(next);
  setLocaleSignal(next);
}

/** The language for files the server writes (exports, disposition tables): Vietnamese or English. */
export const documentLocale = (): 'vi' | 'en' => (locale() === 'vi' ? 'vi' : 'en');

export const t = (key: MessageKey, params?: Params) => translate(catalogs[locale()], locale(), key, params);
export const dateTime = (iso: string) => formatDateTime(iso, locale());
/** "just now" for the last 45 seconds, then "5 minutes ago"…, then a date. */
export const relative = (iso: string, now = Date.now()) => (now - Date.parse(iso) < 45_000 ? t('time.justNow') : formatRelative(iso, locale(), now));
export const number = (value: number) => formatNumber(value, locale());

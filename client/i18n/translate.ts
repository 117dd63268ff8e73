/**
 * Pure message lookup and formatting (no Solid, no DOM): picks the UI language from what the
 * browser asks for, fills `{param}` placeholders (numbers formatted for the locale) and chooses
 * plural forms with `Intl.PluralRules`.
 */
import type { Catalog, Message, MessageKey } from './catalogs';

export const locales = ['vi', 'en', 'ar'] as const;
export type Locale = (typeof locales)[number];
export type Params = Record<string, string | number>;

const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/**
 * The UI language: a choice the person made before (stored) wins; otherwise the first language
 * in the browser's list whose primary subtag we ship (`vi-VN` → `vi`); otherwise English.
 */
export function pickLocale(requested: readonly string[], stored?: string | null): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of requested) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

/** The BCP 47 tag used for dates and numbers (English in day-month order, 24-hour clock). */
export const intlTag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : locale === 'ar' ? 'ar' : 'en-GB');

/** Languages written right to left: the whole page mirrors (`<html dir="rtl">`). */
export const directionOf = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Replace `{name}` placeholders; numbers are formatted for the locale, unknown names kept as is. */
export function fill(template: string, params: Params | undefined, locale: Locale): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(intlTag(locale)).format(value) : value;
  });
}

/** Choose the plural form for `count` (Vietnamese has a single form: `other`). */
export function pluralForm(message: Message, count: number, locale: Locale): string {
  if (typeof message === 'string') return message;
  const rule = new Intl.PluralRules(intlTag(locale)).select(count);
  return (rule === 'one' ? message.one : undefined) ?? message.other;
}

export function translate(catalog: Catalog, locale: Locale, key: MessageKey, params?: Params): string {
  const count = typeof params?.count === 'number' ? params.count : 0;
  return fill(pluralForm(catalog[key], count, locale), params, locale);
}

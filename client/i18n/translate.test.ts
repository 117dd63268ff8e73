import { describe, expect, it } from 'vitest';
import { en, vi, type MessageKey } from './catalogs';
import { fill, pickLocale, translate } from './translate';
import { formatDateTime, formatRelative } from './format';

describe('pickLocale', () => {
  it('follows the browser: Vietnamese when asked for, by primary subtag', () => {
    expect(pickLocale(['vi-VN', 'en-US'])).toBe('vi');
    expect(pickLocale(['fr-FR', 'vi'])).toBe('vi');
    expect(pickLocale(['en-US', 'vi-VN'])).toBe('en');
  });
  it('falls back to English for languages we do not ship', () => {
    expect(pickLocale(['fr-FR', 'de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
  it('lets a stored choice win, ignoring garbage', () => {
    expect(pickLocale(['en-US'], 'vi')).toBe('vi');
    expect(pickLocale(['vi-VN'], 'xx')).toBe('vi');
  });
});

describe('translate', () => {
  it('fills parameters and formats numbers for the locale', () => {
    expect(fill('{a} and {b}', { a: 'x', b: 1234 }, 'en')).toBe('x and 1,234');
    expect(fill('{b}', { b: 1234 }, 'vi')).toBe('1.234');
    expect(fill('{missing}', {}, 'en')).toBe('{missing}');
  });
  it('picks plural forms per locale', () => {
    expect(translate(en, 'en', 'documents.count', { count: 1 })).toBe('1 draft');
    expect(translate(en, 'en', 'documents.count', { count: 3 })).toBe('3 drafts');
    expect(translate(vi, 'vi', 'documents.count', { count: 1 })).toBe('1 bản thảo');
  });
  it('has every English key in Vietnamese, with the same placeholders', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      const names = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(vi[key], key).toBeDefined();
      expect(new Set(names(vi[key])), key).toEqual(new Set(names(en[key])));
    }
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-03-10T10:00:00Z');
  it('says how long ago, in the UI language', () => {
    expect(formatRelative('2025-03-10T09:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2025-03-10T09:55:00Z', 'vi', now)).toBe('5 phút trước');
    expect(formatRelative('2025-03-10T09:59:50Z', 'en', now)).toBe('now');
  });
  it('gives a date for anything older than a week', () => {
    expect(formatRelative('2025-01-02T08:00:00Z', 'en', now)).toMatch(/^\d\d:00, 02\/01\/2025$/);
  });
  it('writes dates in the administrative style: time, then day/month/year', () => {
    const local = new Date(2026, 10, 30, 8, 20).toISOString();
    expect(formatDateTime(local, 'vi')).toBe('08:20, 30/11/2026');
    expect(formatDateTime(local, 'en')).toBe('08:20, 30/11/2026');
  });
});

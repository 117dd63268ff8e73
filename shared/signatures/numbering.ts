/**
 * Number and symbol (Decree 30/2020): numbers run from 01 each calendar year (two digits at
 * least); the symbol is `<type>-<agency>` (e.g. `QĐ-UBND`), for official letters
 * `<agency>-<drafting unit>` (e.g. `UBND-VP`); written `Số: 07/QĐ-UBND`. No I/O.
 */

/** The agency's time zone: issue dates and numbering years are taken there. */
export const agencyTimeZone = 'Asia/Ho_Chi_Minh';

export const numberText = (n: number) => String(n).padStart(2, '0');
export const notation = (n: number, symbol: string) => `${numberText(n)}/${symbol}`;

export function symbolFor(documentType: { code: string; isLetter: boolean }, agencyAbbreviation: string, unitAbbreviation: string): string {
  return documentType.isLetter ? `${agencyAbbreviation}-${unitAbbreviation}` : `${documentType.code}-${agencyAbbreviation}`;
}

/** A unit's abbreviation from its name: initials of its words, without diacritics ("Văn phòng" → "VP"). */
export function unitAbbreviation(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.replace('đ', 'd').replace('Đ', 'D').normalize('NFD').replace(/\p{M}/gu, '').toUpperCase())
    .join('');
}

/** `YYYY-MM-DD` of `at` in the agency's time zone. */
export function issueDate(at: Date, timeZone = agencyTimeZone): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

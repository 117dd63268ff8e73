/**
 * Agency settings (issue 13): what fills the header of an administrative document by itself —
 * the issuing authority's name and abbreviation (used in symbols such as `07/QĐ-UBND`), the
 * superior body printed above it, the place name of the date line, and the signer titles offered
 * by default. Shared by the server (validation), the client (the admin form) and the renderers.
 * No I/O here.
 */
import { z } from 'zod';

/** Authority prefixes of the decree's signer block (Decree 30/2020, appendix I). */
export const authorityPrefixes = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;

const line = (max: number) => z.string().trim().max(max);

/**
 * One signer title offered by default. `authorityPrefix` holds the line(s) printed above the
 * title, e.g. `TM. ỦY BAN NHÂN DÂN` or `TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH`; empty when the
 * signer signs in their own name.
 */
export const signerTitle = z.strictObject({
  authorityPrefix: line(300).default(''),
  title: line(200).min(1, 'must not be empty'),
});

export const agencySettingsBody = z.strictObject({
  /** Full name of the issuing authority, e.g. `ỦY BAN NHÂN DÂN XÃ AN BÌNH`. */
  name: line(300),
  /** Abbreviation used in numbers and symbols, e.g. `UBND` (letters, digits, Đ; no spaces). */
  abbreviation: line(30).regex(/^[\p{Lu}\p{N}Đ.]*$/u, 'must be capital letters or digits without spaces, e.g. UBND'),
  /** Agency code used in dossier file codes (issue 11), e.g. `000.00.00.H29`; may be empty. */
  code: line(60).default(''),
  /** The superior body printed above the authority, e.g. `ỦY BAN NHÂN DÂN HUYỆN X`; may be empty. */
  superiorBody: line(300).default(''),
  /** Place name of the date line, e.g. `An Bình` → "An Bình, ngày 05 tháng 3 năm 2026". */
  placeName: line(120),
  signerTitles: z.array(signerTitle).max(20).default([]),
});

export type AgencySettingsInput = z.input<typeof agencySettingsBody>;
export type SignerTitle = z.infer<typeof signerTitle>;

export interface AgencySettings {
  name: string;
  abbreviation: string;
  code: string;
  superiorBody: string;
  placeName: string;
  signerTitles: SignerTitle[];
  /** When an administrator last saved them; null while never set. */
  updatedAt: string | null;
}

/** What an agency that has not filled in its settings yet gets: empty strings, never made-up names. */
export const emptyAgencySettings: AgencySettings = {
  name: '',
  abbreviation: '',
  code: '',
  superiorBody: '',
  placeName: '',
  signerTitles: [],
  updatedAt: null,
};

/**
 * The composed message catalogs. The core catalog (en.ts, vi.ts) holds the shell's messages; each
 * capability keeps its own beside its code (`client/<capability>/messages.ts` exporting `en` and a
 * `vi` typed by it) and is spread in here, one line per language, so features never edit one
 * shared file. English is the reference: its keys type every other catalog and every `t()` call.
 */
import { en as coreEn, type Message } from './en';
import { vi as coreVi } from './vi';
import { ar as coreAr } from './ar';
import { en as commentsEn, vi as commentsVi } from '../comments/messages';
import { en as roundsEn, vi as roundsVi } from '../rounds/messages';
import { en as signaturesEn, vi as signaturesVi } from '../signatures/messages';
import { en as notificationsEn, vi as notificationsVi } from '../notifications/messages';
import { en as adminEn, vi as adminVi } from '../admin/messages';
import { en as realtimeEn, vi as realtimeVi } from '../realtime/messages';
import { en as exchangeEn, vi as exchangeVi } from '../exchange/messages';
import { en as agencyEn, vi as agencyVi } from '../agency/messages';
import { en as searchEn, vi as searchVi } from '../search/messages';
import { en as dossiersEn, vi as dossiersVi } from '../dossiers/messages';
import { en as auditEn, vi as auditVi } from '../audit/messages';

export type { Message };

export const en = {
  ...coreEn,
  ...commentsEn,
  ...roundsEn,
  ...signaturesEn,
  ...notificationsEn,
  ...adminEn,
  ...realtimeEn,
  ...exchangeEn,
  ...agencyEn,
  ...searchEn,
  ...dossiersEn,
  ...auditEn,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: Message };
/** A capability's catalog in another language: every key of its English catalog. */
export type CatalogOf<T> = { readonly [K in keyof T]: Message };

export const vi: Catalog = {
  ...coreVi,
  ...commentsVi,
  ...roundsVi,
  ...signaturesVi,
  ...notificationsVi,
  ...adminVi,
  ...realtimeVi,
  ...exchangeVi,
  ...agencyVi,
  ...searchVi,
  ...dossiersVi,
  ...auditVi,
};

/**
 * Arabic (right to left): the core catalog is complete; a capability whose messages.ts has no
 * `ar` yet shows English for its keys (each key falls back on its own, never a blank).
 */
export const ar: Catalog = {
  ...en,
  ...coreAr,
};

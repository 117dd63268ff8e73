/**
 * Agency settings: read and save the one row (data path: routes → here → agency_settings).
 * `getAgencySettings(db)` is what other capabilities call (symbols `07/QĐ-UBND`, dossier file
 * codes, document headers); it never fails for an agency that has not saved settings yet.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { agencySettings } from '../db/schema';
import { emptyAgencySettings, type AgencySettings } from '../../shared/agency/settings';

/** The agency's settings, or empty ones (never invented names) while none were saved. */
export async function getAgencySettings(db: Executor): Promise<AgencySettings> {
  const [row] = await db.select().from(agencySettings).limit(1);
  if (!row) return { ...emptyAgencySettings, signerTitles: [] };
  return {
    name: row.name,
    abbreviation: row.abbreviation,
    code: row.code,
    superiorBody: row.superiorBody,
    placeName: row.placeName,
    signerTitles: row.signerTitles,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What an administrator saves: the settings without their timestamp. */
export type AgencySettingsValues = Omit<AgencySettings, 'updatedAt'>;

/** Replace the settings (insert the row on first save). */
export async function saveAgencySettings(db: Executor, values: AgencySettingsValues, updatedBy: string): Promise<AgencySettings> {
  const row = { ...values, updatedBy, updatedAt: sql`now()` };
  await db
    .insert(agencySettings)
    .values({ id: 1, ...row })
    .onConflictDoUpdate({ target: agencySettings.id, set: row });
  return getAgencySettings(db);
}

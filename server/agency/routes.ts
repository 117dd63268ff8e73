/**
 * Agency settings (issue 13), data path: here → settings.ts → agency_settings.
 *   GET /api/agency  → {agency}  (anyone signed in: the settings fill document headers)
 *   PUT /api/agency  {name, abbreviation, code?, superiorBody?, placeName, signerTitles?} → {agency} (administrators)
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { forbidden } from '../errors';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { getAgencySettings, saveAgencySettings } from './settings';
import { agencySettingsBody } from '../../shared/agency/settings';
import { canChangeAgencySettings } from '../../shared/permissions';

export const agencyRoutes = (deps: AppDeps) => {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(signedIn(deps))
    .get('/', async (c) => c.json({ agency: await getAgencySettings(db) }))
    .put('/', jsonBody(agencySettingsBody), async (c) => {
      if (!canChangeAgencySettings(c.var.user)) throw forbidden('Only administrators may change the agency settings');
      const agency = await saveAgencySettings(db, c.req.valid('json'), c.var.user.id);
      c.var.log.info({ abbreviation: agency.abbreviation }, 'agency settings saved');
      return c.json({ agency });
    });
};

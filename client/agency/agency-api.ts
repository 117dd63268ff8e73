/** The agency settings API, typed from the server's routes (hono/client). */
import { hc } from 'hono/client';
import type { agencyRoutes } from '../../server/agency/routes';
import type { AgencySettings } from '../../shared/agency/settings';
import { call } from '../data/http';

const agency = hc<ReturnType<typeof agencyRoutes>>('/api/agency');

export const agencyApi = {
  get: () => call(agency.index.$get()),
  save: (json: Omit<AgencySettings, 'updatedAt'>) => call(agency.index.$put({ json })),
};

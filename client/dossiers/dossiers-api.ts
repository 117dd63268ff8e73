/**
 * The dossiers API (server/dossiers/routes.ts) for the web client, typed through hono/client from
 * the server's own routes.
 */
import { hc } from 'hono/client';
import type { dossierRoutes } from '../../server/dossiers/routes';
import type { planRoutes } from '../../server/dossiers/plan-routes';
import { call } from '../data/http';

const api = hc<ReturnType<typeof dossierRoutes>>('/api');
const plans = hc<ReturnType<typeof planRoutes>>('/api');

export type DossierState = 'open' | 'closed' | 'handed_over';
export const dossierStates: readonly DossierState[] = ['open', 'closed', 'handed_over'];

export interface DossierFilter {
  department?: string;
  year?: number;
  state?: DossierState;
}

export const dossiersApi = {
  list: (filter: DossierFilter) =>
    call(
      api.dossiers.$get({
        query: { ...(filter.department ? { department: filter.department } : {}), ...(filter.year ? { year: filter.year } : {}), ...(filter.state ? { state: filter.state } : {}) },
      }),
    ),
  /** Open a dossier: from an annual-list item (`planItemId`) or ad hoc (notation, title, retention). */
  create: (json: { department: string; year: number; planItemId?: string; notation?: string; title?: string; retention?: string }) => call(api.dossiers.$post({ json })),
  plan: (departmentId: string, year: number) => call(plans.departments[':id']['dossier-plan'].$get({ param: { id: departmentId }, query: { year: String(year) } })),
  savePlan: (departmentId: string, year: number, items: { notation: string; title: string; retention: string; description?: string }[]) =>
    call(plans.departments[':id']['dossier-plan'].$put({ param: { id: departmentId }, query: { year: String(year) }, json: { items } })),
  /** Reorganisation (administrators): what moved where, and dissolving into a named successor. */
  departmentHistory: (departmentId: string) => call(plans.departments[':id'].history.$get({ param: { id: departmentId } })),
  dissolveDepartment: (departmentId: string, successor: string) => call(plans.departments[':id'].dissolve.$post({ param: { id: departmentId }, json: { successor } })),
  get: (id: string) => call(api.dossiers[':id'].$get({ param: { id } })),
  file: (id: string, seq: number) => call(api.dossiers[':id'].records.$post({ param: { id }, json: { seq } })),
  close: (id: string) => call(api.dossiers[':id'].close.$post({ param: { id }, json: {} })),
  reopen: (id: string) => call(api.dossiers[':id'].reopen.$post({ param: { id } })),
  handover: (id: string) => call(api.dossiers[':id'].handover.$post({ param: { id } })),
  packageUrl: (id: string) => `/api/dossiers/${id}/package`,
};

export type DossierDto = Awaited<ReturnType<typeof dossiersApi.list>>['dossiers'][number];
export type DossierDetail = Awaited<ReturnType<typeof dossiersApi.get>>;
export type FiledRecordDto = DossierDetail['records'][number];

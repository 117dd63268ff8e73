/**
 * The rounds API (server/rounds/routes.ts) for the web client, typed through hono/client from the
 * server's own routes; answers are the DTOs of shared/rounds/api.ts.
 */
import { hc } from 'hono/client';
import type { roundRoutes } from '../../server/rounds/routes';
import { call } from '../data/http';
import type { Disposition, OpenRoundBody, Position } from '../../shared/rounds/api';

const rounds = hc<ReturnType<typeof roundRoutes>>('/api');

export const roundsApi = {
  ofDocument: (id: string) => call(rounds.documents[':id'].rounds.$get({ param: { id } })),
  open: (id: string, json: OpenRoundBody) => call(rounds.documents[':id'].rounds.$post({ param: { id }, json })),
  get: (id: string) => call(rounds.rounds[':id'].$get({ param: { id } })),
  respond: (id: string, json: { department: string; position: Position; summary: string }) => call(rounds.rounds[':id'].responses.$post({ param: { id }, json })),
  close: (id: string, outcome?: string) => call(rounds.rounds[':id'].close.$post({ param: { id }, json: outcome ? { outcome } : {} })),
  disposition: (id: string, lang: 'vi' | 'en') => call(rounds.rounds[':id'].disposition.$get({ param: { id }, query: { lang } })),
  dispose: (id: string, threadId: string, json: { disposition: Disposition; explanation: string }) =>
    call(rounds.rounds[':id'].disposition[':threadId'].$put({ param: { id, threadId }, json })),
  consultations: () => call(rounds.consultations.$get()),
  /** Download links (the browser saves the file). */
  fileUrl: (id: string, format: 'docx' | 'pdf', lang: 'vi' | 'en') => `/api/rounds/${id}/disposition.${format}?lang=${lang}`,
};

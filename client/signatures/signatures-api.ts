/**
 * The signatures API (server/signatures/routes.ts) for the web client, typed through hono/client
 * from the server's own routes.
 */
import { hc } from 'hono/client';
import type { signatureRoutes } from '../../server/signatures/routes';
import { call } from '../data/http';

const api = hc<ReturnType<typeof signatureRoutes>>('/api');

export const signaturesApi = {
  myKeys: () => call(api['signing-keys'].$get({ query: {} })),
  allKeys: () => call(api['signing-keys'].$get({ query: { all: 'true' } })),
  approveKey: (id: string) => call(api['signing-keys'][':id'].approve.$post({ param: { id } })),
  revokeKey: (id: string) => call(api['signing-keys'][':id'].revoke.$post({ param: { id } })),
  registerKey: (publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }, deviceName: string) => call(api['signing-keys'].$post({ json: { publicJwk, deviceName } })),
  queue: () => call(api.signatures.queue.$get()),
  submission: (id: string) => call(api.submissions[':id'].$get({ param: { id } })),
  sign: (id: string, stepIndex: number, keyId: string, jws: string) =>
    call(api.submissions[':id'].steps[':stepIndex'].sign.$post({ param: { id, stepIndex: String(stepIndex) }, json: { keyId, jws } })),
  returnStep: (id: string, stepIndex: number, reason: string) =>
    call(api.submissions[':id'].steps[':stepIndex'].return.$post({ param: { id, stepIndex: String(stepIndex) }, json: { reason } })),
  issue: (id: string) => call(api.submissions[':id'].issue.$post({ param: { id }, json: {} })),
  documentSubmissions: (id: string) => call(api.documents[':id'].submissions.$get({ param: { id } })),
  dashboard: (period: { from: string; to: string }) => call(api.signatures.dashboard.$get({ query: period })),
  dashboardCsvUrl: '/api/signatures/dashboard.csv',
};

export type ProcessingRow = Awaited<ReturnType<typeof signaturesApi.dashboard>>['signers'][number];

/**
 * The typed API of the Codraft server, one function per call. Types come from the server's own
 * route definitions through `hono/client` (request bodies from the shared zod schemas, answers
 * from the presenters), so a change on the server that the client does not follow fails to compile.
 */
import { hc } from 'hono/client';
import type { authRoutes } from '../../server/accounts/auth-routes';
import type { departmentRoutes } from '../../server/accounts/department-routes';
import type { directoryRoutes } from '../../server/documents/directory-routes';
import type { documentRoutes } from '../../server/documents/routes';
import type { setupRoutes } from '../../server/accounts/setup-routes';
import type { userRoutes } from '../../server/accounts/user-routes';
import type { versionRoutes } from '../../server/records/version-routes';
import type { recordRoutes } from '../../server/records/record-routes';
import type { wellKnownRoutes } from '../../server/records/well-known-routes';
import type { GrantInputBody, LoginBody, SetupBody, CreateUserBody, UpdateUserBody } from '../../shared/api';
import type { FreezeVersionBody } from '../../shared/records/api';
import { call } from './http';

const setup = hc<ReturnType<typeof setupRoutes>>('/api/setup');
const auth = hc<ReturnType<typeof authRoutes>>('/api/auth');
const documents = hc<ReturnType<typeof documentRoutes>>('/api/documents');
const directory = hc<ReturnType<typeof directoryRoutes>>('/api/directory');
const departments = hc<ReturnType<typeof departmentRoutes>>('/api/departments');
const users = hc<ReturnType<typeof userRoutes>>('/api/users');
const versions = hc<ReturnType<typeof versionRoutes>>('/api');
const records = hc<ReturnType<typeof recordRoutes>>('/api');
const wellKnown = hc<ReturnType<typeof wellKnownRoutes>>('/');

export const api = {
  setupStatus: () => call(setup.index.$get()),
  setup: (json: SetupBody) => call(setup.index.$post({ json }), { signIn: true }),
  login: (json: LoginBody) => call(auth.login.$post({ json }), { signIn: true }),
  logout: () => call(auth.logout.$post(), { signIn: true }),
  me: () => call(auth.me.$get(), { signIn: true }),

  listDocuments: (q?: string, archived = false) => call(documents.index.$get({ query: { ...(q ? { q } : {}), ...(archived ? { archived: 'true' as const } : {}) } })),
  archiveDocument: (id: string) => call(documents[':id'].archive.$post({ param: { id } })),
  unarchiveDocument: (id: string) => call(documents[':id'].unarchive.$post({ param: { id } })),
  createDocument: (title: string) => call(documents.index.$post({ json: { title } })),
  getDocument: (id: string) => call(documents[':id'].$get({ param: { id } })),
  renameDocument: (id: string, title: string) => call(documents[':id'].$patch({ param: { id }, json: { title } })),
  getAccess: (id: string) => call(documents[':id'].access.$get({ param: { id } })),
  putAccess: (id: string, grants: GrantInputBody[]) => call(documents[':id'].access.$put({ param: { id }, json: { grants } })),
  directory: () => call(directory.index.$get()),

  listDepartments: () => call(departments.index.$get()),
  createDepartment: (name: string) => call(departments.index.$post({ json: { name } })),
  renameDepartment: (id: string, name: string) => call(departments[':id'].$patch({ param: { id }, json: { name } })),
  mergeDepartment: (id: string, mergeInto: string) => call(departments[':id'].$patch({ param: { id }, json: { mergeInto } })),

  listUsers: () => call(users.index.$get()),
  createUser: (json: CreateUserBody) => call(users.index.$post({ json })),
  updateUser: (id: string, json: UpdateUserBody) => call(users[':id'].$patch({ param: { id }, json })),

  listVersions: (id: string) => call(versions.documents[':id'].versions.$get({ param: { id } })),
  freezeVersion: (id: string, json: FreezeVersionBody) => call(versions.documents[':id'].versions.$post({ param: { id }, json })),
  restoreVersion: (id: string, versionId: string) => call(versions.documents[':id'].restore.$post({ param: { id }, json: { versionId } })),
  /** The record bundle as served (parsed JSON, not trusted: verify it before believing it). */
  recordBundle: (seq: number) => call(records.records[':seq'].bundle.$get({ param: { seq: String(seq) } })) as Promise<unknown>,
  jwks: () => call(wellKnown['.well-known']['jwks.json'].$get()),
};

type Api = typeof api;
/** The success body of an API function, e.g. `Answer<'getDocument'>`. */
export type Answer<K extends keyof Api> = Awaited<ReturnType<Api[K]>>;
/** Where the browser downloads entry `seq`'s bundle (the server names it record-<seq>.json). */
export const bundleUrl = (seq: number) => `/api/records/${seq}/bundle`;

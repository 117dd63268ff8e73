/**
 * The existing REST actions that the audit trail records, as one table: method + path →
 * action, object type and object id. The middleware (http-audit.ts) matches each finished API
 * request against it. Capabilities built later (comments, rounds, signatures, dossiers…) call
 * recordAudit themselves, inside their own transactions; this table is for the actions that
 * predate the audit trail, so their handlers stay untouched.
 */
export interface HttpAction {
  method: string;
  pattern: RegExp;
  action: string;
  objectType: string;
  /** Object id from the path match or, on success, the response body. */
  objectId: (match: RegExpMatchArray, response: Record<string, unknown> | null) => string | null;
}

const uuid = '([0-9a-fA-F-]{36})';
const fromPath = (m: RegExpMatchArray) => m[1] ?? null;
/** The created object's id in the response: `{[key]: {id}}`, or `{id}` at the top when key is null. */
const fromBody = (key: string | null) => (_: RegExpMatchArray, body: Record<string, unknown> | null) => {
  const inner = (key ? body?.[key] : body) as Record<string, unknown> | null | undefined;
  return typeof inner?.id === 'string' ? inner.id : null;
};

export const httpActions: HttpAction[] = [
  { method: 'POST', pattern: /^\/api\/auth\/login$/, action: 'auth.sign_in', objectType: 'user', objectId: fromBody('user') },
  { method: 'POST', pattern: /^\/api\/auth\/logout$/, action: 'auth.sign_out', objectType: 'user', objectId: () => null },
  { method: 'POST', pattern: /^\/api\/setup$/, action: 'workspace.setup', objectType: 'user', objectId: fromBody('user') },
  { method: 'POST', pattern: /^\/api\/documents$/, action: 'document.create', objectType: 'document', objectId: fromBody(null) },
  { method: 'PATCH', pattern: new RegExp(`^/api/documents/${uuid}$`), action: 'document.title', objectType: 'document', objectId: fromPath },
  { method: 'PUT', pattern: new RegExp(`^/api/documents/${uuid}/access$`), action: 'document.access', objectType: 'document', objectId: fromPath },
  { method: 'POST', pattern: new RegExp(`^/api/documents/${uuid}/versions$`), action: 'document.freeze', objectType: 'document', objectId: fromPath },
  { method: 'POST', pattern: new RegExp(`^/api/documents/${uuid}/restore$`), action: 'document.restore', objectType: 'document', objectId: fromPath },
  { method: 'GET', pattern: /^\/api\/records\/(\d+)\/bundle$/, action: 'record.download', objectType: 'record', objectId: fromPath },
  { method: 'POST', pattern: /^\/api\/departments$/, action: 'department.create', objectType: 'department', objectId: fromBody('department') },
  { method: 'PATCH', pattern: new RegExp(`^/api/departments/${uuid}$`), action: 'department.update', objectType: 'department', objectId: fromPath },
  { method: 'POST', pattern: /^\/api\/users$/, action: 'user.create', objectType: 'user', objectId: fromBody('user') },
  { method: 'PATCH', pattern: new RegExp(`^/api/users/${uuid}$`), action: 'user.update', objectType: 'user', objectId: fromPath },
  { method: 'PUT', pattern: /^\/api\/agency$/, action: 'agency.update', objectType: 'agency', objectId: () => null },
];

export function matchHttpAction(method: string, path: string) {
  for (const action of httpActions) {
    if (action.method !== method) continue;
    const match = path.match(action.pattern);
    if (match) return { action, match };
  }
  return null;
}

/** 2xx success; refused for lack of session or rights (401/403/404, 429) denied; anything else failure. */
export const outcomeOf = (status: number) =>
  status < 400 ? 'success' : [401, 403, 404, 429].includes(status) ? 'denied' : 'failure';

/**
 * How the client talks HTTP: one place that turns a `hono/client` call into the success body or
 * an error the UI can explain. A network failure becomes `NetworkError`; any `{error:{code,message}}`
 * answer becomes `ApiError`; a 401 on an authenticated call tells the session it has expired.
 */
import type { ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, server down, DNS…). */
export class NetworkError extends Error {
  constructor() {
    super('network');
  }
}

let unauthorized: (() => void) | undefined;

/** Called on any 401 except a failed sign-in: the session is gone (expired, revoked). */
export const onUnauthorized = (handler: () => void) => {
  unauthorized = handler;
};

type AnyResponse = ClientResponse<unknown, number, string>;
/** The JSON body type of the success statuses of a hono/client response union. */
export type Success<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

const errorOf = (status: number, body: unknown): ApiError => {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  return new ApiError(status, code, message, error?.details);
};

/** Await a hono/client call and return its success body (undefined for 204). */
export async function call<R extends AnyResponse>(request: Promise<R>, options: { signIn?: boolean } = {}): Promise<Success<R>> {
  let response: R;
  try {
    response = await request;
  } catch {
    throw new NetworkError();
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => null);
  if (response.ok) return body as Success<R>;
  if (response.status === 401 && !options.signIn) unauthorized?.();
  throw errorOf(response.status, body);
}

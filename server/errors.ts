/**
 * One error type for everything a client may be told, and its one mapping to HTTP:
 * `{ "error": { "code", "message" } }` with a 4xx status. Anything else is a 500 with no details.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const validationFailed = (message: string, details?: unknown) => new AppError(400, 'validation_failed', message, details);
export const unauthenticated = (message = 'Sign in first') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Seconds a client is asked to wait when the storage is unavailable (503 Retry-After). */
export const storageRetryAfterSeconds = 5;
export const storageUnavailableBody = () =>
  errorBody('storage_unavailable', 'The database is unavailable right now; try again in a few seconds');

/** Recognises Postgres errors by SQLSTATE, whether raised by postgres.js or PGlite, bare or wrapped by drizzle. */

const sqlState = (error: unknown): { code?: string; constraint?: string } => {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint, constraint_name } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const name = typeof constraint === 'string' ? constraint : typeof constraint_name === 'string' ? constraint_name : undefined;
      return { code, constraint: name };
    }
  }
  return {};
};

/** A unique index refused the row (optionally: this index). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const state = sqlState(error);
  return state.code === '23505' && (constraint === undefined || state.constraint === undefined || state.constraint === constraint);
}

/** postgres.js and Node socket codes meaning the database could not be reached or went away. */
const unavailableCodes = new Set([
  'CONNECTION_ENDED',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * The storage is unavailable (not: the query was wrong): connection refused or lost, the server
 * shutting down or out of connections (SQLSTATE 08xxx, 57P01-57P03, 53300), the embedded database closed.
 * Such failures are answered with 503 and Retry-After rather than 500.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, errno, message } = e as { code?: unknown; errno?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (unavailableCodes.has(code) || /^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
    }
    if (typeof errno === 'string' && unavailableCodes.has(errno)) return true;
    if (typeof message === 'string' && /PGlite is closed/i.test(message)) return true;
    if (Array.isArray((e as { errors?: unknown }).errors)) {
      if ((e as { errors: unknown[] }).errors.some((inner) => isStorageUnavailable(inner))) return true;
    }
  }
  return false;
}

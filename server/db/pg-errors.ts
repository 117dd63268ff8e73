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

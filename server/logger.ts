/**
 * Structured JSON logs (pino). One root logger; request and connection loggers are children.
 *
 * Errors are logged through `redactError`, never as they are: a failed drizzle query carries its
 * parameters (password hashes, document states, record content) in `params` and in its message,
 * and Postgres puts row values in `detail` ("Key (email)=(…) already exists"). Those are cut from
 * the error and from every error in its `cause` chain; the SQL text (placeholders only), SQLSTATE
 * code, constraint and stack frames stay.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Keys of database errors that may hold row or parameter values. */
const valueKeys = new Set(['params', 'parameters', 'args', 'detail', 'where', 'internal_query', 'internalQuery', 'hint']);
/** Keys worth keeping from a database error (all values are identifiers or codes). */
const keptKeys = ['code', 'errno', 'severity', 'constraint', 'constraint_name', 'table', 'table_name', 'column', 'column_name', 'schema', 'schema_name', 'routine', 'query'];

/** A failed drizzle query's message: "Failed query: <sql>\nparams: <values>" → without the values. */
const cleanMessage = (message: string) => message.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [key: string]: unknown;
}

export function redactError(error: unknown, depth = 0): SerializedError | unknown {
  if (!(error instanceof Error) && !(error && typeof error === 'object' && 'message' in error)) return error;
  const e = error as Error & Record<string, unknown>;
  const message = cleanMessage(String(e.message ?? ''));
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const out: SerializedError = { type: e.constructor?.name ?? 'Error', message, stack: [`${e.name ?? 'Error'}: ${message}`, ...frames].join('\n') };
  for (const key of keptKeys) {
    const value = e[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number')) out[key] = value;
  }
  for (const key of Object.keys(e)) {
    if (key in out || valueKeys.has(key) || key === 'cause' || key === 'stack' || key === 'message') continue;
    const value = e[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  if (e.cause !== undefined && depth < 5) out.cause = redactError(e.cause, depth + 1) as SerializedError;
  if (Array.isArray(e.errors) && depth < 5) out.errors = e.errors.slice(0, 5).map((inner) => redactError(inner, depth + 1));
  return out;
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'codraft' }, serializers: { err: redactError, error: redactError } };
  return destination ? pino(options, destination) : pino(options);
}

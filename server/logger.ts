/** Structured JSON logs (pino). One root logger; request and connection loggers are children. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'codraft' } });
}

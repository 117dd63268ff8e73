/**
 * Runtime configuration, read once from the environment and validated.
 * An invalid value stops the process at start with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const int = (fallback: number, min = 0) =>
  z.coerce.number().int().min(min).default(fallback);

const configSchema = z.object({
  PORT: int(8080, 0).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Extra origins (comma separated) allowed to open websockets and send API writes, e.g. the Vite dev server. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().url())),
  SESSION_IDLE_HOURS: int(12, 1),
  LOGIN_MAX_FAILURES: int(5, 1),
  LOGIN_WINDOW_MINUTES: int(15, 1),
  WS_MAX_FRAME_BYTES: int(2 * 1024 * 1024, 1024),
  WS_MAX_CONNECTIONS_PER_USER: int(20, 1),
  /** A client's sync step 2 (catching up after a big paste or a long offline session) may be this large. */
  WS_MAX_SYNC_BYTES: int(32 * 1024 * 1024, 1024),
  /** Unwritten edits kept in memory while the database is down; past it, new edits are refused (1013). */
  PERSIST_MAX_PENDING_BYTES: int(64 * 1024 * 1024, 1024),
  /** How often expired sessions are deleted from the database. */
  SESSION_PURGE_MINUTES: z.coerce.number().min(0.01).default(60),
  /** How long updates may wait in memory before they are written to the update log. */
  PERSIST_FLUSH_MS: int(25, 1),
  /** Compact a document's update log into a snapshot once it holds this many rows. */
  COMPACT_AFTER_UPDATES: int(500, 10),
  /** Unload a document from memory this long after its last client left. */
  ROOM_IDLE_MS: int(30_000, 0),
  /** Largest file accepted by POST /api/documents/import (issue 13). */
  MAX_IMPORT_BYTES: int(20 * 1024 * 1024, 1024),
  /** Anchor the audit trail's head in the record ledger this often (issue 11; also at every handover). */
  AUDIT_ANCHOR_MINUTES: z.coerce.number().min(0.01).default(60),
  /** How often the search indexer looks for edited drafts, new records and comments (issue 11). */
  SEARCH_INDEX_POLL_MS: int(1000, 50),
  /** Agency code for dossier file codes until the agency settings (issue 13) name one. */
  AGENCY_CODE: z.string().min(1).default('CODRAFT'),
  /** Remind departments that have not answered a consultation round this long before its deadline (issue 9). */
  ROUND_REMIND_BEFORE_HOURS: z.coerce.number().min(0).default(24),
  /** How often the round deadline worker looks for due reminders and deadlines. */
  ROUND_TICK_MS: int(30_000, 10),
  /** The agency's time zone: dates in round notifications and disposition tables are shown in it (stored in UTC). */
  TZ_DISPLAY: z.string().min(1).default('Asia/Ho_Chi_Minh').refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh'),
  /** Remind a signer once when a document has waited this long for their signature (issue 10). */
  SIGN_REMIND_AFTER_HOURS: z.coerce.number().min(0.001).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGNING_KEY_JWK: z.string().optional(),
  /**
   * Keeps the agency's private signing keys in the database, encrypted with this secret (AES-256-GCM),
   * so that every instance signs with the same key and a rotation on one is used by all.
   */
  SIGNING_KEY_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  /** Several instances: their shared Redis (live documents, access changes, limits). Unset: one process. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Prefix of every Redis channel and key, so deployments (or test runs) sharing a Redis stay apart. */
  REDIS_PREFIX: z.string().min(1).max(100).default('codraft:'),
  /** Lets a Prometheus scraper read GET /metrics with `Authorization: Bearer <token>` (admins may always). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** `false` when the server runs under a role that may not change the schema (see docs/records.md). */
  MIGRATE_ON_START: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {}

/** Parse configuration from an environment object (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/**
 * What running as one of several instances (REDIS_URL) needs, checked when a server starts (the
 * CLI's commands do not join the others, so they do not need it).
 */
export function assertInstanceConfig(config: Config): void {
  if (config.REDIS_URL && !config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: several instances share one Postgres; set DATABASE_URL (the embedded database belongs to one process)');
  }
  if (config.REDIS_URL && !config.SIGNING_KEY_JWK && !config.SIGNING_KEY_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: instances must share one agency key: set SIGNING_KEY_JWK, or SIGNING_KEY_SECRET to keep it encrypted in the database',
    );
  }
}

/** TODO(issue 2): compose the collaboration service. */
import { Hono } from 'hono';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import type { CollabService } from './service';

export interface CollabDeps {
  db: Database;
  config: Config;
  log: Logger;
}

export function createCollabService(_deps: CollabDeps): CollabService {
  return {
    routes: () => new Hono(),
    accessChanged: async () => {},
    userChanged: async () => {},
    flushDocument: async () => {},
    readState: async () => new Uint8Array(),
    applyServerEdit: async () => {},
    shutdown: async () => {},
  };
}

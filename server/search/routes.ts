/**
 * GET /search?q=&type=draft|record|dossier|comment&department=&from=&to=&limit=&offset=
 *   → {results: [{type, id, title, titleHighlights, snippet, highlights, score, documentId, dossierId, occurredAt}], total}
 * Signed-in users; every row and the total are limited to what the caller may open.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import type { AppEnv } from '../http/env';
import { queryParams } from '../http/validate';
import { searchTypes } from '../db/schema';
import { search } from './query';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  type: z.enum(searchTypes).optional(),
  department: z.string().uuid().optional(),
  from: z.string().date().or(z.string().datetime({ offset: true })).optional(),
  to: z.string().date().or(z.string().datetime({ offset: true })).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

const endOfDay = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value));

export const searchRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/search', signedIn(deps), queryParams(searchQuery), async (c) => {
    const p = c.req.valid('query');
    const found = await search(deps.db, c.var.user, {
      q: p.q,
      type: p.type,
      departmentId: p.department,
      from: p.from ? new Date(p.from) : undefined,
      to: p.to ? endOfDay(p.to) : undefined,
      limit: p.limit,
      offset: p.offset,
    });
    return c.json(found);
  });

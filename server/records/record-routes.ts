/**
 * Records and the ledger (issue 4), for people signed in.
 *   GET /records/:seq/bundle          → the self-contained bundle (needs view access to its document)
 *   GET /records/:seq/verify          → the bundle's checks, run by the server (same access)
 *   GET /ledger/tree-heads?after=&limit=  → signed tree heads, oldest first (default: all from 1, 100)
 *   GET /ledger/consistency?from=&to= → RFC 9162 consistency proof between two tree sizes
 * Bundles are served with Content-Disposition so the browser saves them as record-<seq>.json.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { badRequest, notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { queryParams } from '../http/validate';
import { loadDocumentFacts } from '../documents/document-access';
import { buildAnyBundle } from './bundle';
import { loadJwks } from './keys';
import { storedConsistencyProof } from './tree-store';
import { latestTreeHead, listTreeHeads, loadEntryHead, treeHeadAt } from './versions';
import { canViewRecord } from '../../shared/permissions';
import { consistencyQuery, toHex, treeHeadsQuery, verifyBundle, type ConsistencyProofDto } from '../../shared/records';
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';

const seqParam = validator('param', (value) => {
  const parsed = z.object({ seq: z.string().regex(/^\d{1,15}$/).transform(Number) }).safeParse(value);
  if (!parsed.success) throw notFound('Record');
  return parsed.data;
});

/** The bundle of `seq` if the user may view the record (policy: canViewRecord); 404 otherwise (existence not revealed). */
async function viewableBundle(db: Executor, user: SessionUser, seq: number) {
  const head = await loadEntryHead(db, seq);
  if (!head) throw notFound('Record');
  const document = head.documentId ? await loadDocumentFacts(db, head.documentId) : null;
  if (head.documentId && !document) throw notFound('Record');
  if (!canViewRecord(user, { kind: head.kind, document })) throw notFound('Record');
  const bundle = await buildAnyBundle(db, seq, head.kind);
  if (!bundle) throw notFound('Record');
  return bundle;
}

export const recordRoutes = (deps: AppDeps) => {
  const { db } = deps;
  // Per route, not .use(): mounted under /api, a .use() would also guard other modules' paths.
  const auth = signedIn(deps);
  return new Hono<AppEnv>()
    .get('/records/:seq/bundle', auth, seqParam, async (c) => {
      const { seq } = c.req.valid('param');
      const bundle = await viewableBundle(db, c.var.user, seq);
      c.header('Content-Disposition', `attachment; filename="record-${seq}.json"`);
      return c.json(bundle);
    })
    .get('/records/:seq/verify', auth, seqParam, async (c) => {
      const bundle = await viewableBundle(db, c.var.user, c.req.valid('param').seq);
      return c.json(await verifyBundle(bundle, await loadJwks(db)));
    })
    .get('/ledger/tree-heads', auth, queryParams(treeHeadsQuery), async (c) => {
      const { after = 0, limit = 100 } = c.req.valid('query');
      return c.json({ treeHeads: await listTreeHeads(db, after, limit) });
    })
    .get('/ledger/consistency', auth, queryParams(consistencyQuery), async (c) => {
      const { from, to } = c.req.valid('query');
      const latest = await latestTreeHead(db);
      if (to > (latest?.treeSize ?? 0)) throw badRequest(`The ledger has ${latest?.treeSize ?? 0} entries; cannot prove up to ${to}`);
      const proof = await storedConsistencyProof(db, from, to);
      const body: ConsistencyProofDto = {
        fromSize: from,
        toSize: to,
        proof: proof.map(toHex),
        from: from > 0 ? await treeHeadAt(db, from) : null,
        to: to > 0 ? await treeHeadAt(db, to) : null,
      };
      return c.json(body);
    });
};

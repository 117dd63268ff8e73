/**
 * Versions of a document (issue 4). Same rules as documents: a document the caller may not view is
 * a 404; viewers and commenters may read versions but not freeze or restore them (403).
 *   POST /documents/:id/versions  {label, note?, final?} → 201 {version, record}
 *   GET  /documents/:id/versions                         → {versions} newest first
 *   POST /documents/:id/restore   {versionId}            → {restoredFrom}
 *   GET  /versions/:id                                   → {version, entry, jws, content, verification}
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { loadDocumentFacts } from '../documents/document-access';
import { buildBundle } from './bundle';
import { freezeVersion } from './freeze';
import { loadJwks } from './keys';
import { restoreVersion } from './restore';
import { createSigner } from './signer';
import { listVersions, loadVersion, presentVersion } from './versions';
import { canView } from '../../shared/permissions';
import { freezeVersionBody, restoreVersionBody, verifyBundle, type FreezeResultDto, type VersionDetailDto } from '../../shared/records';
import { idParam } from '../http/params';

export const versionRoutes = (deps: AppDeps) => {
  const { db, collab, log } = deps;
  const signer = createSigner(db, deps.config);
  // The signing key is made (or loaded) at start, not on the first freeze.
  signer.current().catch((err: unknown) => log.warn({ err }, 'signing key not ready yet; retrying on first freeze'));

  // Per route, not .use(): mounted under /api, a .use() would also guard other modules' paths.
  const auth = signedIn(deps);
  return new Hono<AppEnv>()
    .post('/documents/:id/versions', auth, idParam('Document'), jsonBody(freezeVersionBody), async (c) => {
      const appended = await freezeVersion({ db, collab, signer }, c.var.user, c.req.valid('param').id, c.req.valid('json'));
      const { entry, jws, treeHead, versionId } = appended;
      c.var.log.info({ documentId: entry.documentId, seq: entry.seq, version: entry.version, final: entry.final }, 'version frozen');
      const body: FreezeResultDto = { version: presentVersion({ id: versionId, documentId: entry.documentId, entry, jws }), record: { entry, jws, treeHead } };
      return c.json(body, 201);
    })
    .get('/documents/:id/versions', auth, idParam('Document'), async (c) => {
      const doc = await loadDocumentFacts(db, c.req.valid('param').id);
      if (!doc || !canView(c.var.user, doc)) throw notFound('Document');
      return c.json({ versions: (await listVersions(db, doc.id)).map(presentVersion) });
    })
    .post('/documents/:id/restore', auth, idParam('Document'), jsonBody(restoreVersionBody), async (c) => {
      const restored = await restoreVersion({ db, collab }, c.var.user, c.req.valid('param').id, c.req.valid('json').versionId);
      return c.json({ restoredFrom: presentVersion(restored) });
    })
    .get('/versions/:id', auth, idParam('Version'), async (c) => {
      const version = await loadVersion(db, c.req.valid('param').id);
      const doc = version && (await loadDocumentFacts(db, version.documentId));
      if (!version || !doc || !canView(c.var.user, doc)) throw notFound('Version');
      const bundle = await buildBundle(db, version.entry.seq);
      if (!bundle) throw notFound('Version');
      const body: VersionDetailDto = {
        version: presentVersion(version),
        entry: version.entry,
        jws: version.jws,
        content: bundle.content,
        verification: await verifyBundle(bundle, await loadJwks(db)),
      };
      return c.json(body);
    });
};

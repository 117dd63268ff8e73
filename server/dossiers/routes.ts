/**
 * Work dossiers (issue 11). Unknown or invisible → 404; visible but not allowed → 403; a closed
 * dossier refusing more → 409. Every action is audited by its command.
 *   POST /dossiers {department, year, notation?, title?, retention?, rights?, language?, description?, planItemId?} → 201 {dossier}
 *   GET  /dossiers?department=&year=&state=          → {dossiers}
 *   GET  /dossiers/:id                               → {dossier, records} (records one may not view: {seq, restricted})
 *   POST /dossiers/:id/records {seq}                 → 201 {seq, filed}
 *   POST /dossiers/:id/drafts {documentId}           → 204 (the draft's frozen versions are filed automatically)
 *   POST /dossiers/:id/close {retention?, title?, pageTotal?} → {dossier}
 *   POST /dossiers/:id/reopen                        → {dossier} (administrators)
 *   POST /dossiers/:id/handover                      → {dossier, seq}
 *   GET  /dossiers/:id/package                       → application/zip
 * Annual lists and reorganisation history are in plan-routes.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { forbidden, notFound } from '../errors';
import type { AppEnv, SessionUser } from '../http/env';
import { jsonBody, queryParams } from '../http/validate';
import { idParam } from '../http/params';
import { createSigner } from '../records/signer';
import { departments, users } from '../db/schema';
import type { Executor } from '../db/client';
import { loadDocumentDetails } from '../documents/document-queries';
import { auditContext, recordAudit } from '../audit/record-event';
import { canEdit, canExportDossier, canFileIntoDossier, canViewDossier } from '../../shared/permissions';
import { closeDossier, createDossier, fileRecord, nameDraftDossier, reopenDossier } from './commands';
import { handOverDossier } from './handover';
import { buildPackage } from './package';
import { listFiledRecords, listVisibleDossiers, loadDossier, viewableSeqs, type Dossier } from './queries';

export const retention = z.string().regex(/^(permanent|[1-9][0-9]{0,2})$/, 'a number of years (1–999) or "permanent"');
const uuid = z.string().uuid();
const year = z.coerce.number().int().min(1900).max(2999);

const createBody = z.strictObject({
  department: uuid,
  year,
  notation: z.string().trim().min(1).max(50).regex(/^[\p{L}\p{N}.\-_/]+$/u, 'letters, digits and . - _ / only').optional(),
  title: z.string().trim().min(1).max(500).optional(),
  retention: retention.optional(),
  rights: z.string().trim().max(500).optional(),
  language: z.string().trim().min(2).max(20).optional(),
  description: z.string().trim().max(4000).optional(),
  planItemId: uuid.optional(),
  startDate: z.string().date().optional(),
});
const listQuery = z.object({ department: uuid.optional(), year: year.optional(), state: z.enum(['open', 'closed', 'handed_over']).optional() });
const fileBody = z.strictObject({ seq: z.number().int().min(0) });
const draftBody = z.strictObject({ documentId: uuid });
const closeBody = z.strictObject({ retention: retention.optional(), title: z.string().trim().min(1).max(500).optional(), pageTotal: z.number().int().min(0).optional() });

export const presentDossier = (d: Dossier | Omit<Dossier, 'grants'>) => ({
  id: d.id,
  departmentId: d.departmentId,
  year: d.year,
  notation: d.notation,
  fileCode: d.fileCode,
  title: d.title,
  retention: d.retention,
  rights: d.rights,
  creatorId: d.creatorId,
  language: d.language,
  startDate: d.startDate,
  endDate: d.endDate,
  docTotal: d.docTotal,
  pageTotal: d.pageTotal,
  description: d.description,
  state: d.state,
  createdAt: d.createdAt.toISOString(),
  closedAt: d.closedAt?.toISOString() ?? null,
  handedOverAt: d.handedOverAt?.toISOString() ?? null,
  handoverSeq: d.handoverSeq,
});

async function visibleDossier(db: Executor, user: SessionUser, id: string) {
  const dossier = await loadDossier(db, id);
  if (!dossier || !canViewDossier(user, dossier)) throw notFound('Dossier');
  return dossier;
}

export const dossierRoutes = (deps: AppDeps) => {
  const { db, config } = deps;
  let signer: ReturnType<typeof createSigner> | undefined;
  const key = () => (signer ??= createSigner(db, config)).current();
  const auth = signedIn(deps);
  return new Hono<AppEnv>()
    .post('/dossiers', auth, jsonBody(createBody), async (c) => {
      const row = await createDossier(db, c.var.user, auditContext(c), c.req.valid('json'), config.AGENCY_CODE);
      return c.json({ dossier: presentDossier(row) }, 201);
    })
    .get('/dossiers', auth, queryParams(listQuery), async (c) => {
      const q = c.req.valid('query');
      const rows = await listVisibleDossiers(db, c.var.user, { departmentId: q.department, year: q.year, state: q.state });
      return c.json({ dossiers: rows.map(presentDossier) });
    })
    .get('/dossiers/:id', auth, idParam('Dossier'), async (c) => {
      const dossier = await visibleDossier(db, c.var.user, c.req.valid('param').id);
      const records = await listFiledRecords(db, dossier.id);
      const viewable = await viewableSeqs(db, c.var.user, records);
      return c.json({
        dossier: presentDossier(dossier),
        records: records.map((r) =>
          viewable.has(r.seq)
            ? { seq: r.seq, kind: r.kind, documentId: r.documentId, title: r.entry.title ?? null, label: r.entry.label ?? null, recordedAt: r.recordedAt.toISOString(), filedAt: r.filedAt.toISOString() }
            : { seq: r.seq, restricted: true },
        ),
      });
    })
    .post('/dossiers/:id/records', auth, idParam('Dossier'), jsonBody(fileBody), async (c) => {
      const filed = await fileRecord(db, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json').seq);
      return c.json(filed, 201);
    })
    .post('/dossiers/:id/drafts', auth, idParam('Dossier'), jsonBody(draftBody), async (c) => {
      const dossier = await visibleDossier(db, c.var.user, c.req.valid('param').id);
      const doc = await loadDocumentDetails(db, c.req.valid('json').documentId);
      if (!doc || !canEdit(c.var.user, doc)) throw notFound('Document');
      if (!canFileIntoDossier(c.var.user, dossier)) throw forbidden('You may not file into this dossier (or it is closed)');
      await nameDraftDossier(db, auditContext(c), doc.id, dossier.id);
      return c.body(null, 204);
    })
    .post('/dossiers/:id/close', auth, idParam('Dossier'), jsonBody(closeBody), async (c) => {
      const row = await closeDossier(db, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ dossier: presentDossier(row) });
    })
    .post('/dossiers/:id/reopen', auth, idParam('Dossier'), async (c) => {
      const row = await reopenDossier(db, c.var.user, auditContext(c), c.req.valid('param').id);
      return c.json({ dossier: presentDossier(row) });
    })
    .post('/dossiers/:id/handover', auth, idParam('Dossier'), async (c) => {
      const result = await handOverDossier(db, c.var.user, auditContext(c), c.req.valid('param').id, await key());
      return c.json({ dossier: presentDossier(result.dossier), seq: result.seq });
    })
    .get('/dossiers/:id/package', auth, idParam('Dossier'), async (c) => {
      const dossier = await visibleDossier(db, c.var.user, c.req.valid('param').id);
      if (!canExportDossier(c.var.user, dossier)) throw forbidden('Clerks and administrators export closed or handed-over dossiers');
      const [creator] = await db.select({ name: users.name }).from(users).where(eq(users.id, dossier.creatorId));
      const [dept] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, dossier.departmentId));
      const built = await buildPackage(db, dossier, creator?.name ?? '', dept?.name ?? '', await key());
      await recordAudit(db, { ...auditContext(c), action: 'dossier.export', objectType: 'dossier', objectId: dossier.id, outcome: 'success', details: { fileCode: dossier.fileCode, files: built.manifest.files.length, manifestSha256: built.manifestSha256 } });
      const name = dossier.fileCode.replace(/[^A-Za-z0-9._-]/g, '_');
      return c.body(built.zip as unknown as ArrayBuffer, 200, { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}.zip"` });
    });
};

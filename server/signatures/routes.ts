/**
 * Sign-off and issuance routes (issue 10), all JSON, all signed in except the public signer list:
 *   POST /signing-keys {publicJwk, deviceName} → 201 {key}        GET /signing-keys[?all=true]
 *   POST /signing-keys/:id/approve (admin) → {key}                  POST /signing-keys/:id/revoke → {key}
 *   POST /versions/:id/submissions {documentType, signers, note?, previous?} → 201 {submission}
 *   GET  /submissions/:id → {submission} (with `payload` on the step awaiting the caller)
 *   GET  /documents/:id/submissions → {submissions}
 *   POST /submissions/:id/steps/:stepIndex/sign {keyId, jws} | …/return {reason} → {submission}
 *   POST /submissions/:id/withdraw → {submission}     POST /submissions/:id/issue {register?} (clerk)
 *   GET  /signatures/queue   GET /signatures/dashboard[.csv]?from=&to=
 *   GET/POST /registers, GET/POST /document-types      GET /.well-known/codraft-signers.json
 */
import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { forbidden, notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { idParam } from '../http/params';
import { jsonBody, queryParams } from '../http/validate';
import { auditContext, recordAudit } from '../audit/record-event';
import { loadDocumentFacts } from '../documents/document-access';
import { createSigner } from '../records/signer';
import { submissions } from '../db/schema';
import { canManageRegisters, canView, canViewProcessing, canViewSubmission, canApproveKeys } from '../../shared/permissions';
import { dashboardQuery, documentTypeBody, issueBody, registerBody, registerKeyBody, returnBody, signBody, submitBody } from '../../shared/signatures';
import { approveDeviceKey, listKeys, presentKey, publishedSigners, registerDeviceKey, revokeDeviceKey } from './device-keys';
import { processingCsv, processingStats } from './dashboard';
import { issueSubmission } from './issue';
import { queueFor } from './queue';
import { addDocumentType, addRegister, listDocumentTypes, listRegisters } from './registers';
import { signStep, returnStep, withdrawSubmission } from './steps';
import { createSubmission } from './submit';
import { loadSubmission, presentSubmission, submissionFacts } from './submission-queries';

const stepParams = validator('param', (value) => {
  const parsed = z.object({ id: z.guid(), stepIndex: z.string().regex(/^\d{1,3}$/).transform(Number) }).safeParse(value);
  if (!parsed.success) throw notFound('Step');
  return parsed.data;
});

const audit = (c: Context<AppEnv>, db: AppDeps['db'], action: string, objectType: string, objectId: string, details?: Record<string, unknown>) =>
  recordAudit(db, { ...auditContext(c), action, objectType, objectId, outcome: 'success', details }).catch((err: unknown) => c.var.log.error({ err, action }, 'audit failed'));

const thirtyDays = 30 * 86_400_000;

export const signatureRoutes = (deps: AppDeps) => {
  const { db } = deps;
  const signer = createSigner(db, deps.config);
  const auth = signedIn(deps);

  /** The submission if the caller may see it (404 otherwise), presented for them. */
  const visible = async (c: Context<AppEnv>, id: string) => {
    const s = await loadSubmission(db, id);
    const doc = s && (await loadDocumentFacts(db, s.submission.documentId));
    if (!s || !doc || !canViewSubmission(c.var.user, doc, submissionFacts(s))) throw notFound('Submission');
    return presentSubmission(db, s, c.var.user.id);
  };

  return new Hono<AppEnv>()
    .post('/signing-keys', auth, jsonBody(registerKeyBody), async (c) => {
      const row = await registerDeviceKey(db, c.var.user, c.req.valid('json'));
      await audit(c, db, 'signing_key.register', 'signing_key', row.id, { deviceName: row.deviceName, kid: row.kid });
      return c.json({ key: presentKey(row) }, 201);
    })
    .get('/signing-keys', auth, queryParams(z.strictObject({ all: z.enum(['true', 'false']).optional() })), async (c) => {
      const all = c.req.valid('query').all === 'true';
      if (all && !canApproveKeys(c.var.user)) throw forbidden('Only administrators list every key');
      return c.json({ keys: (await listKeys(db, all ? undefined : c.var.user.id)).map(presentKey) });
    })
    .post('/signing-keys/:id/approve', auth, idParam('Signing key'), async (c) => {
      const row = await approveDeviceKey(db, signer, c.var.user, c.req.valid('param').id);
      await audit(c, db, 'signing_key.approve', 'signing_key', row.id, { kid: row.kid, ledgerSeq: row.certificateSeq });
      return c.json({ key: presentKey(row) });
    })
    .post('/signing-keys/:id/revoke', auth, idParam('Signing key'), async (c) => {
      const row = await revokeDeviceKey(db, signer, c.var.user, c.req.valid('param').id);
      await audit(c, db, 'signing_key.revoke', 'signing_key', row.id, { kid: row.kid, ledgerSeq: row.revocationSeq });
      return c.json({ key: presentKey(row) });
    })
    .post('/versions/:id/submissions', auth, idParam('Version'), jsonBody(submitBody), async (c) => {
      const s = await createSubmission(db, c.var.user, c.req.valid('param').id, c.req.valid('json'));
      await audit(c, db, 'submission.create', 'submission', s.submission.id, { documentId: s.submission.documentId, documentType: s.submission.documentType });
      return c.json({ submission: await presentSubmission(db, s, c.var.user.id) }, 201);
    })
    .get('/submissions/:id', auth, idParam('Submission'), async (c) => c.json({ submission: await visible(c, c.req.valid('param').id) }))
    .get('/documents/:id/submissions', auth, idParam('Document'), async (c) => {
      const doc = await loadDocumentFacts(db, c.req.valid('param').id);
      if (!doc || !canView(c.var.user, doc)) throw notFound('Document');
      const rows = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.documentId, doc.id)).orderBy(desc(submissions.createdAt));
      const list = [];
      for (const r of rows) list.push(await presentSubmission(db, (await loadSubmission(db, r.id))!, c.var.user.id));
      return c.json({ submissions: list });
    })
    .post('/submissions/:id/steps/:stepIndex/sign', auth, stepParams, jsonBody(signBody), async (c) => {
      const { id, stepIndex } = c.req.valid('param');
      const result = await signStep(db, c.var.user, id, stepIndex, c.req.valid('json'));
      if (!result.replayed) await audit(c, db, 'submission.sign', 'submission', id, { stepIndex, keyId: c.req.valid('json').keyId });
      return c.json({ submission: await visible(c, id), replayed: result.replayed });
    })
    .post('/submissions/:id/steps/:stepIndex/return', auth, stepParams, jsonBody(returnBody), async (c) => {
      const { id, stepIndex } = c.req.valid('param');
      await returnStep(db, c.var.user, id, stepIndex, c.req.valid('json').reason);
      await audit(c, db, 'submission.return', 'submission', id, { stepIndex });
      return c.json({ submission: await visible(c, id) });
    })
    .post('/submissions/:id/withdraw', auth, idParam('Submission'), async (c) => {
      const { id } = c.req.valid('param');
      await withdrawSubmission(db, c.var.user, id);
      await audit(c, db, 'submission.withdraw', 'submission', id);
      return c.json({ submission: await visible(c, id) });
    })
    .post('/submissions/:id/issue', auth, idParam('Submission'), jsonBody(issueBody), async (c) => {
      const { id } = c.req.valid('param');
      const { documentId, ...issued } = await issueSubmission(db, signer, c.var.user, id, c.req.valid('json'));
      await deps.collab.accessChanged(documentId); // the draft is read-only from now on
      await audit(c, db, 'document.issue', 'submission', id, { documentId, notation: issued.notation, ledgerSeq: issued.seq });
      c.var.log.info({ documentId, seq: issued.seq, notation: issued.notation }, 'document issued');
      return c.json(issued);
    })
    .get('/signatures/queue', auth, async (c) => c.json(await queueFor(db, c.var.user)))
    .get('/signatures/dashboard', auth, queryParams(dashboardQuery), async (c) => {
      if (!canViewProcessing(c.var.user)) throw forbidden('The processing dashboard is for leaders, clerks and administrators');
      return c.json(await processingStats(db, period(c.req.valid('query'))));
    })
    .get('/signatures/dashboard.csv', auth, queryParams(dashboardQuery), async (c) => {
      if (!canViewProcessing(c.var.user)) throw forbidden('The processing dashboard is for leaders, clerks and administrators');
      const csv = processingCsv(await processingStats(db, period(c.req.valid('query'))));
      c.header('Content-Disposition', 'attachment; filename="processing.csv"');
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .get('/registers', auth, async (c) => c.json({ registers: await listRegisters(db) }))
    .post('/registers', auth, jsonBody(registerBody), async (c) => {
      if (!canManageRegisters(c.var.user)) throw forbidden('Only administrators manage registers');
      const row = await addRegister(db, c.req.valid('json'));
      await audit(c, db, 'register.create', 'register', row.id, { series: row.series });
      return c.json({ register: row }, 201);
    })
    .get('/document-types', auth, async (c) => c.json({ documentTypes: await listDocumentTypes(db) }))
    .post('/document-types', auth, jsonBody(documentTypeBody), async (c) => {
      if (!canManageRegisters(c.var.user)) throw forbidden('Only administrators manage document types');
      const row = await addDocumentType(db, c.req.valid('json'));
      await audit(c, db, 'document_type.create', 'document_type', row.code);
      return c.json({ documentType: row }, 201);
    });
};

function period(q: { from?: string; to?: string }) {
  const to = q.to ? new Date(q.to) : new Date();
  return { from: q.from ? new Date(q.from) : new Date(to.getTime() - thirtyDays), to };
}

/** Public, no sign-in: certified personal keys (active and revoked), for offline verifiers. */
export const signersWellKnownRoutes = ({ db }: Pick<AppDeps, 'db'>) =>
  new Hono<AppEnv>().get('/.well-known/codraft-signers.json', async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ format: 'codraft.signers', v: 1, signers: await publishedSigners(db) });
  });

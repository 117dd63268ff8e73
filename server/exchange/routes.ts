/**
 * Documents in and out (issue 13). Data paths: upload → import-document → new draft;
 * draft | version | record → export-sources → docx-writer | pdf | to-markdown → download.
 *   POST /documents/import  multipart {file, title?}  → 201 {document, dropped: [{what, count}], legacyEncodings}
 *   GET  /documents/:id/export.(docx|pdf|md)          → the draft's current content
 *   GET  /versions/:id/export.(docx|pdf|md)           → a frozen version, in the administrative layout
 *   GET  /records/:seq/export.pdf                     → a record, administrative layout + verification data
 * Same access as reading what is exported (404 when invisible). Imports and every export are audited.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { AppError, badRequest, errorBody, notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { idParam } from '../http/params';
import { presentDocument } from '../http/presenters';
import { loadDocumentDetails } from '../documents/document-queries';
import { auditContext, recordAudit } from '../audit/record-event';
import { importDocument } from './import-document';
import { draftExport, recordExport, versionExport } from './export-sources';
import { renderDocx } from './docx-writer/render';
import { renderPdf } from './pdf/render';
import { toMarkdown } from '../../shared/exchange/to-markdown';
import type { ExportDocument } from './export-model';

/** The one API path allowed a body above the global 1 MiB limit (it has its own, MAX_IMPORT_BYTES). */
export const importPath = '/api/documents/import';

export const exportFormats = ['docx', 'pdf', 'md'] as const;
type Format = (typeof exportFormats)[number];

const contentTypes: Record<Format, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
};

async function render(doc: ExportDocument, format: Format): Promise<Uint8Array | string> {
  if (format === 'docx') return renderDocx(doc);
  if (format === 'pdf') return renderPdf(doc);
  return toMarkdown(doc.content);
}

function download(c: Context<AppEnv>, body: Uint8Array | string, fileName: string, format: Format) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  c.header('Content-Type', contentTypes[format]);
  c.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>));
}

const seqParam = validator('param', (value) => {
  const parsed = z.object({ seq: z.string().regex(/^\d{1,15}$/).transform(Number) }).safeParse(value);
  if (!parsed.success) throw notFound('Record');
  return parsed.data;
});

export const exchangeRoutes = (deps: AppDeps) => {
  const { db, collab, config } = deps;
  const auth = signedIn(deps);
  // Exports of records are refused if they cannot be audited; other audit failures are logged.
  const audit = (c: Context<AppEnv>, action: string, objectType: string, objectId: string, outcome: 'success' | 'denied' | 'failure', details?: Record<string, unknown>) =>
    recordAudit(db, { ...auditContext(c), action, objectType, objectId, outcome, details }).catch((err: unknown) => {
      c.var.log.error({ err, action }, 'audit failed');
      if (outcome === 'success' && (action === 'record.export' || action === 'version.export')) throw err;
    });
  // Uploads up to MAX_IMPORT_BYTES plus room for the multipart framing.
  const uploadLimit = bodyLimit({
    maxSize: config.MAX_IMPORT_BYTES + 64 * 1024,
    onError: (c) => c.json(errorBody('payload_too_large', `The file is too large (max ${Math.round(config.MAX_IMPORT_BYTES / 1024 / 1024)} MB)`), 413),
  });

  const app = new Hono<AppEnv>().post('/documents/import', auth, uploadLimit, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('multipart/form-data')) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with the field "file"');
    const form = await c.req.parseBody().catch(() => {
      throw badRequest('The upload could not be read as multipart/form-data');
    });
    const file = form.file;
    if (!(file instanceof File)) throw badRequest('Attach the document in the field "file"');
    if (file.size > config.MAX_IMPORT_BYTES) throw new AppError(413, 'payload_too_large', `The file is too large (max ${Math.round(config.MAX_IMPORT_BYTES / 1024 / 1024)} MB)`);
    const title = typeof form.title === 'string' ? form.title : undefined;
    const bytes = Buffer.from(await file.arrayBuffer());
    try {
      const result = await importDocument({ db, collab }, c.var.user, { name: file.name, bytes }, title);
      await audit(c, 'document.import', 'document', result.documentId, 'success', { fileName: file.name.slice(0, 200), bytes: bytes.length, dropped: result.dropped });
      c.var.log.info({ documentId: result.documentId, bytes: bytes.length, dropped: result.dropped }, 'document imported');
      const document = presentDocument((await loadDocumentDetails(db, result.documentId))!, c.var.user);
      return c.json({ document, dropped: result.dropped, legacyEncodings: result.legacyEncodings }, 201);
    } catch (err) {
      if (err instanceof AppError) await audit(c, 'document.import', 'document', '', 'failure', { fileName: file.name.slice(0, 200), bytes: bytes.length, code: err.code });
      throw err;
    }
  });

  for (const format of exportFormats) {
    app.get(`/documents/:id/export.${format}`, auth, idParam('Document'), async (c) => {
      const doc = await draftExport(db, collab, c.var.user, c.req.valid('param').id);
      const body = await render(doc, format);
      await audit(c, 'document.export', 'document', c.req.valid('param').id, 'success', { format });
      return download(c, body, `${doc.fileBase}.${format}`, format);
    });
    app.get(`/versions/:id/export.${format}`, auth, idParam('Version'), async (c) => {
      const id = c.req.valid('param').id;
      const doc = await versionExport(db, c.var.user, id).catch(async (err: unknown) => {
        if (err instanceof AppError) await audit(c, 'version.export', 'version', id, err.status === 404 ? 'denied' : 'failure', { format });
        throw err;
      });
      const body = await render(doc, format);
      await audit(c, 'version.export', 'version', id, 'success', { format });
      return download(c, body, `${doc.fileBase}.${format}`, format);
    });
  }

  app.get('/records/:seq/export.pdf', auth, seqParam, async (c) => {
    const { seq } = c.req.valid('param');
    const origin = new URL(c.req.url).origin;
    const doc = await recordExport(db, c.var.user, seq, origin).catch(async (err: unknown) => {
      if (err instanceof AppError) await audit(c, 'record.export', 'record', String(seq), err.status === 404 ? 'denied' : 'failure', { format: 'pdf' });
      throw err;
    });
    const body = await renderPdf(doc);
    await audit(c, 'record.export', 'record', String(seq), 'success', { format: 'pdf', documentId: doc.documentId });
    return download(c, body, `${doc.fileBase}.pdf`, 'pdf');
  });
  return app;
};

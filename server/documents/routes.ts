/**
 * Documents and who may reach them. Every handler loads the facts, asks shared/permissions.ts,
 * then acts. A document the caller may not view answers 404 (its existence is not revealed);
 * one they may view but not act on answers 403.
 *   POST /            {title}  → 201 document (the creator's department may edit by default)
 *   GET  /?q=&archived=        → {documents} the caller may view, most recently active first
 *                                (archived drafts only with archived=true, never otherwise)
 *   GET  /:id                  → document
 *   PATCH /:id        {title}  → document (needs edit, and not finalized)
 *   GET  /:id/access           → {grants} (needs manage access: creator or admin)
 *   PUT  /:id/access  {grants} → {grants} (needs manage access)
 *   POST /:id/archive          → document (needs archive: creator or admin; records untouched)
 *   POST /:id/unarchive        → document (same)
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { createDocument } from './create-document';
import { setDocumentAccess } from './set-document-access';
import type { Executor } from '../db/client';
import { conflict, forbidden, notFound } from '../errors';
import type { AppEnv, SessionUser } from '../http/env';
import { jsonBody, queryParams } from '../http/validate';
import { listNamedGrants } from './document-grants';
import { listCandidateDocuments, loadDocumentDetails, updateDocumentTitle } from './document-queries';
import { canArchive, canEdit, canManageAccess, canView } from '../../shared/permissions';
import { setDocumentArchived } from './archive-document';
import { auditContext } from '../audit/record-event';
import { createDocumentBody, listDocumentsQuery, putAccessBody, updateDocumentBody } from '../../shared/api';
import { idParam } from '../http/params';
import { presentDocument, presentGrant } from '../http/presenters';

/** Most documents one list answers with. */
const listLimit = 500;

async function loadViewable(db: Executor, user: SessionUser, documentId: string) {
  const doc = await loadDocumentDetails(db, documentId);
  if (!doc || !canView(user, doc)) throw notFound('Document');
  return doc;
}

const grantsBody = async (db: Executor, documentId: string) => ({ grants: (await listNamedGrants(db, documentId)).map(presentGrant) });

export const documentRoutes = (deps: AppDeps) => {
  const { db, collab } = deps;
  return new Hono<AppEnv>()
    .use(signedIn(deps))
    .post('/', jsonBody(createDocumentBody), async (c) => {
      const created = await db.transaction((tx) => createDocument(tx, c.var.user, c.req.valid('json').title));
      return c.json(presentDocument((await loadDocumentDetails(db, created.id))!, c.var.user), 201);
    })
    .get('/', queryParams(listDocumentsQuery), async (c) => {
      const { q, archived } = c.req.valid('query');
      const candidates = await listCandidateDocuments(db, c.var.user, { q: q || undefined, archived: archived === 'true', limit: listLimit });
      const visible = candidates.filter((doc) => canView(c.var.user, doc));
      return c.json({ documents: visible.map((doc) => presentDocument(doc, c.var.user)) });
    })
    .post('/:id/archive', idParam('Document'), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      if (!canArchive(c.var.user, doc)) throw forbidden('Only the creator and administrators may archive this draft');
      if (!doc.archivedAt) await setDocumentArchived(db, doc.id, true, auditContext(c));
      return c.json(presentDocument((await loadDocumentDetails(db, doc.id))!, c.var.user));
    })
    .post('/:id/unarchive', idParam('Document'), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      if (!canArchive(c.var.user, doc)) throw forbidden('Only the creator and administrators may restore this draft');
      if (doc.archivedAt) await setDocumentArchived(db, doc.id, false, auditContext(c));
      return c.json(presentDocument((await loadDocumentDetails(db, doc.id))!, c.var.user));
    })
    .get('/:id', idParam('Document'), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      return c.json(presentDocument(doc, c.var.user));
    })
    .patch('/:id', idParam('Document'), jsonBody(updateDocumentBody), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      if (!canEdit(c.var.user, doc)) {
        throw forbidden(doc.finalized ? 'This document is finalized: it can no longer be changed' : 'You may not edit this document');
      }
      if (!(await updateDocumentTitle(db, doc.id, c.req.valid('json').title))) {
        throw conflict('This document was finalized meanwhile: it can no longer be changed');
      }
      return c.json(presentDocument((await loadDocumentDetails(db, doc.id))!, c.var.user));
    })
    .get('/:id/access', idParam('Document'), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      if (!canManageAccess(c.var.user, doc)) throw forbidden('Only the creator and administrators may see and change access');
      return c.json(await grantsBody(db, doc.id));
    })
    .put('/:id/access', idParam('Document'), jsonBody(putAccessBody), async (c) => {
      const doc = await loadViewable(db, c.var.user, c.req.valid('param').id);
      if (!canManageAccess(c.var.user, doc)) throw forbidden('Only the creator and administrators may see and change access');
      await setDocumentAccess(db, doc.id, c.req.valid('json').grants, c.var.user);
      await collab.accessChanged(doc.id);
      return c.json(await grantsBody(db, doc.id));
    });
};

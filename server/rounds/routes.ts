/**
 * Consultation rounds REST routes (issue 9), mounted under /api. Data path: route → policy
 * (shared/permissions/rounds.ts) → command (open-round, respond, close-round, disposition) or query
 * (round-view, consultations) → JSON / DOCX / PDF. Unknown or invisible → 404; visible but not
 * allowed → 403; a closed round or a second open one → 409.
 *   POST /documents/:id/rounds {title, request, deadline, departments, users?} → 201 {round}
 *   GET  /documents/:id/rounds                                               → {rounds} newest first
 *   GET  /rounds/:id                                                         → {round}
 *   POST /rounds/:id/responses {department, position, summary}               → 201 {round, late, amended}
 *   POST /rounds/:id/close {outcome?}                                        → {round}
 *   GET  /rounds/:id/disposition?lang=vi|en                                  → {round, rows, counts}
 *   PUT  /rounds/:id/disposition/:threadId {disposition, explanation}        → {table}
 *   GET  /rounds/:id/disposition.docx?lang= | .pdf?lang=                     → the file
 *   GET  /consultations                                                      → {presiding, waiting, now}
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { Context } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { auditContext, recordAudit } from '../audit/record-event';
import { getAgencySettings } from '../agency/settings';
import { loadDocumentFacts } from '../documents/document-access';
import { notFound } from '../errors';
import type { AppEnv, SessionUser } from '../http/env';
import { idParam } from '../http/params';
import { jsonBody, queryParams } from '../http/validate';
import { createSigner } from '../records/signer';
import { closeRound } from './close-round';
import { consultations } from './consultations';
import { dispositionTable, setDisposition } from './disposition';
import { dispositionDocx, dispositionPdf, type ExportLanguage } from './disposition-export';
import { openRound } from './open-round';
import { listDocumentRounds, loadRound } from './queries';
import { respondToRound } from './respond';
import { presentRound } from './round-view';
import { roundThreads } from './round-threads';
import { canView, canViewRound } from '../../shared/permissions';
import { id } from '../../shared/api';
import { closeRoundBody, exportLanguageQuery, openRoundBody, respondBody, setDispositionBody } from '../../shared/rounds/api';

/** `:id` must be an id (else 404 Round); a malformed `:threadId` becomes null (404 after the round is checked). */
const roundAndThread = validator('param', (value: Record<string, string>) => {
  const round = id.safeParse(value.id);
  if (!round.success) throw notFound('Round');
  const thread = id.safeParse(value.threadId);
  return { id: round.data, threadId: thread.success ? thread.data : null };
});

export const roundRoutes = (deps: AppDeps) => {
  const { db, collab, config } = deps;
  const signer = createSigner(db, config);
  const commandDeps = { db, collab, config, signer };
  const auth = signedIn(deps);

  /** The round and its draft, if the caller may see the round; else 404 (existence not revealed). */
  const visibleRound = async (user: SessionUser, roundId: string) => {
    const round = await loadRound(db, roundId);
    const doc = round && (await loadDocumentFacts(db, round.documentId));
    if (!round || !doc || !canViewRound(user, doc, round)) throw notFound('Round');
    return { round, doc };
  };
  const view = async (user: SessionUser, roundId: string) => {
    const { round, doc } = await visibleRound(user, roundId);
    return presentRound(db, user, round, doc, await roundThreads(db, round), new Date(), config.TZ_DISPLAY);
  };
  /** The export language: ?lang=, else the Accept-Language's first choice, else Vietnamese. */
  const language = (c: Context, lang?: ExportLanguage): ExportLanguage => lang ?? (c.req.header('accept-language')?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi');
  const table = async (c: Context<AppEnv>, roundId: string, lang?: ExportLanguage) => {
    const { round, doc } = await visibleRound(c.var.user, roundId);
    return dispositionTable({ db, collab }, round, doc, language(c, lang));
  };
  const download = (format: 'docx' | 'pdf') => async (c: Context<AppEnv>) => {
    const roundId = (c.req.valid as (t: 'param') => { id: string })('param').id;
    const lang = language(c, (c.req.valid as (t: 'query') => { lang?: ExportLanguage })('query').lang);
    const data = await table(c, roundId, lang);
    const agency = (await getAgencySettings(db)).name;
    const bytes = format === 'docx' ? await dispositionDocx(data, agency, lang) : await dispositionPdf(data, agency, lang);
    await recordAudit(db, { ...auditContext(c), action: 'round.disposition_export', objectType: 'round', objectId: roundId, outcome: 'success', details: { format, lang } });
    const type = format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf';
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="disposition-round-${data.round.number}.${format}"`,
    });
  };

  return new Hono<AppEnv>()
    .post('/documents/:id/rounds', auth, idParam('Document'), jsonBody(openRoundBody), async (c) => {
      const { roundId } = await openRound(commandDeps, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ round: await view(c.var.user, roundId) }, 201);
    })
    .get('/documents/:id/rounds', auth, idParam('Document'), async (c) => {
      const doc = await loadDocumentFacts(db, c.req.valid('param').id);
      if (!doc || !canView(c.var.user, doc)) throw notFound('Document');
      const ids = await listDocumentRounds(db, doc.id);
      return c.json({ rounds: await Promise.all(ids.map((r) => view(c.var.user, r.id))) });
    })
    .get('/consultations', auth, async (c) => c.json(await consultations(db, c.var.user, new Date(), config.TZ_DISPLAY)))
    .get('/rounds/:id', auth, idParam('Round'), async (c) => c.json({ round: await view(c.var.user, c.req.valid('param').id) }))
    .post('/rounds/:id/responses', auth, idParam('Round'), jsonBody(respondBody), async (c) => {
      const roundId = c.req.valid('param').id;
      const result = await respondToRound(commandDeps, c.var.user, auditContext(c), roundId, c.req.valid('json'));
      return c.json({ round: await view(c.var.user, roundId), late: result.late, amended: result.amended }, 201);
    })
    .post('/rounds/:id/close', auth, idParam('Round'), jsonBody(closeRoundBody), async (c) => {
      const roundId = c.req.valid('param').id;
      await closeRound(commandDeps, c.var.user, auditContext(c), roundId, c.req.valid('json').outcome);
      return c.json({ round: await view(c.var.user, roundId) });
    })
    .get('/rounds/:id/disposition', auth, idParam('Round'), queryParams(exportLanguageQuery), async (c) =>
      c.json(await table(c, c.req.valid('param').id, c.req.valid('query').lang)),
    )
    .put('/rounds/:id/disposition/:threadId', auth, roundAndThread, jsonBody(setDispositionBody), async (c) => {
      const { id: roundId, threadId } = c.req.valid('param');
      const { round, doc } = await visibleRound(c.var.user, roundId);
      if (!threadId) throw notFound('Comment of this round');
      await setDisposition(db, c.var.user, auditContext(c), round, doc, threadId, c.req.valid('json'));
      return c.json(await dispositionTable({ db, collab }, round, doc, language(c)));
    })
    .get('/rounds/:id/disposition.docx', auth, idParam('Round'), queryParams(exportLanguageQuery), download('docx'))
    .get('/rounds/:id/disposition.pdf', auth, idParam('Round'), queryParams(exportLanguageQuery), download('pdf'));
};

/**
 * `npm run bench`: prints the collaboration and record-ledger figures.
 * Options: --clients 1000 --documents 100 --rate 2 --duration 30 --workers 1 --only collab|records|comments
 */
import { parseArgs } from 'node:util';
import { runCollabBench } from './collab';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    documents: { type: 'string', default: '100' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1' },
    'big-edits': { type: 'string', default: '100000' },
    only: { type: 'string' },
    'search-drafts': { type: 'string', default: '2000' },
    'search-records': { type: 'string', default: '1000' },
  },
});

if (!values.only || values.only === 'collab') {
  await runCollabBench({
    clients: Number(values.clients),
    documents: Number(values.documents),
    editsPerSecond: Number(values.rate),
    durationSeconds: Number(values.duration),
    workers: Number(values.workers),
    bigEdits: Number(values['big-edits']),
  });
}
if (!values.only || values.only === 'records') {
  // The record-ledger benchmark (issue 4) lives in its own module.
  const recordsModule = './records';
  const records = await import(recordsModule).catch(() => null);
  if (records?.runRecordsBench) await records.runRecordsBench();
}
if (!values.only || values.only === 'scale') {
  // Several instances (issue 12): fan-out across instances through Redis vs on one instance.
  const { runScaleBench } = await import('./scale');
  await runScaleBench();
}
if (!values.only || values.only === 'comments') {
  // Comments (issue 8): listing 1,000 threads, and fan-out while threads are created.
  const { runCommentsBench } = await import('./comments');
  await runCommentsBench();
}
if (!values.only || values.only === 'rounds') {
  // Consultation rounds (issue 9): the Consultations page query, disposition table as DOCX and PDF.
  const { runRoundsBench } = await import('./rounds');
  await runRoundsBench();
}
if (!values.only || values.only === 'exchange') {
  // Documents in and out (issue 13): import of a 50-page .docx, export to .docx and .pdf.
  const { runExchangeBench } = await import('./exchange');
  await runExchangeBench();
}
if (!values.only || values.only === 'search') {
  // Search (issue 11): p50/p95 of ranked, diacritic-insensitive queries (smaller corpus by default: --search-drafts).
  const { runSearchBench } = await import('./search');
  await runSearchBench({ drafts: Number(values['search-drafts']), records: Number(values['search-records']) });
}
if (!values.only || values.only === 'signatures') {
  // Sign-off and issuance (issue 10): accept a signature, issue a document (20 at once), verify an issued bundle offline.
  const { runSignaturesBench } = await import('./signatures');
  await runSignaturesBench();
}
if (!values.only || values.only === 'first-screen') {
  // The first screen (issue 15): sign-in form and document open times in Chromium.
  const { runFirstScreenBench } = await import('./first-screen');
  await runFirstScreenBench();
}
process.exit(0);

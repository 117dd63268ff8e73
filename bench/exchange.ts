/**
 * Import/export benchmark (issue 13), part of `npm run bench`, or alone: `npx tsx bench/exchange.ts
 * [--runs 3]`. A 50-page draft (~25,000 words: headings, justified paragraphs with bold and italic,
 * nested lists, a table every few pages) is written as a Word file once, then timed:
 *   import .docx → the draft's Y.Doc (unzip, parse, convert, schema check, Yjs update)
 *   export .docx and export .pdf (administrative layout, embedded Tinos subsets)
 * Median wall time and process CPU per run; the machine's load is printed because a loaded
 * 2-core machine stretches every figure.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { readUpload } from '../server/exchange/import-document';
import { renderDocx } from '../server/exchange/docx-writer/render';
import { renderPdf } from '../server/exchange/pdf/render';
import { frozenLayout } from '../server/exchange/export-sources';
import { replaceYDocContent } from '../shared/records/derive';
import { emptyAgencySettings } from '../shared/agency/settings';
import type { PMNode } from '../shared/exchange/prosemirror-json';

const sentence = 'Ủy ban nhân dân xã có trách nhiệm tổ chức thực hiện kế hoạch chuyển đổi số, bảo đảm hồ sơ công việc được lập và lưu trữ điện tử đầy đủ và an toàn theo quy định.';

/** ~500 words per page, 50 pages. */
function fiftyPages(): PMNode {
  const text = (t: string, marks?: string[]) => ({ type: 'text', text: t, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
  const para = (i: number): PMNode => ({ type: 'paragraph', attrs: { textAlign: 'justify' }, content: [text(`${i}. `, ['bold']), text(`${sentence} ${sentence} `), text('Thời hạn hoàn thành', ['italic']), text(` trước ngày 31 tháng 12 năm 2026. ${sentence}`)] });
  const content: PMNode[] = [];
  for (let page = 1; page <= 50; page++) {
    content.push({ type: 'heading', attrs: { level: 2, textAlign: null }, content: [text(`Chương ${page}. Nhiệm vụ và giải pháp`)] });
    for (let i = 0; i < 5; i++) content.push(para(page * 10 + i));
    content.push({ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Số hoá hồ sơ')] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Hồ sơ công việc')] }] }] }] }] });
    if (page % 5 === 0) {
      const cell = (t: string, attrs: Record<string, unknown> = {}) => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs }, content: [{ type: 'paragraph', content: [text(t)] }] });
      content.push({ type: 'table', content: [{ type: 'tableRow', content: [cell('Đơn vị', { rowspan: 2 }), cell('Chỉ tiêu'), cell('90%')] }, { type: 'tableRow', content: [cell('Cấp huyện'), cell('80%')] }] });
    }
  }
  return { type: 'doc', content };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; result: T }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = await fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), result };
}

export async function runExchangeBench(options: { runs?: number; log?: (line: string) => void } = {}) {
  const runs = options.runs ?? 3;
  const log = options.log ?? console.log;
  const doc = fiftyPages();
  const source = await renderDocx({ title: 'Kế hoạch', content: doc, fileBase: 'bench' });
  const words = JSON.stringify(doc).split(/\s+/).length;
  log(`\nexchange (issue 13): a 50-page draft, ~${Math.round(words / 1000)}k words, .docx of ${(source.length / 1024).toFixed(0)} KB; median of ${runs}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // Warm-up: fonts, modules, JIT.
  await renderPdf({ title: 'x', content: { type: 'doc', content: doc.content!.slice(0, 3) }, fileBase: 'x' });

  const imported = await timed(runs, async () => {
    const { doc: json } = await readUpload({ name: 'bench.docx', bytes: source });
    const ydoc = new Y.Doc();
    replaceYDocContent(ydoc, json as unknown as Record<string, unknown>);
    return Y.encodeStateAsUpdate(ydoc).length;
  });
  log(`  import .docx → draft (Y.Doc)   ${imported.wallMs.toFixed(0)} ms wall, ${imported.cpuMs.toFixed(0)} ms CPU (Yjs state ${(imported.result / 1024).toFixed(0)} KB)`);
  const docx = await timed(runs, () => renderDocx({ title: 'Kế hoạch', content: doc, fileBase: 'bench' }));
  log(`  export .docx                   ${docx.wallMs.toFixed(0)} ms wall, ${docx.cpuMs.toFixed(0)} ms CPU (${(docx.result.length / 1024).toFixed(0)} KB)`);
  const layout = frozenLayout({ ...emptyAgencySettings, name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', placeName: 'An Bình' }, 'Kế hoạch chuyển đổi số', new Date().toISOString(), doc);
  const pdf = await timed(runs, () => renderPdf({ title: 'Kế hoạch', content: doc, administrative: layout, fileBase: 'bench' }));
  const pages = Buffer.from(pdf.result).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  log(`  export .pdf (administrative)   ${pdf.wallMs.toFixed(0)} ms wall, ${pdf.cpuMs.toFixed(0)} ms CPU (${pages} pages, ${(pdf.result.length / 1024).toFixed(0)} KB)`);
  return { importMs: imported.wallMs, docxMs: docx.wallMs, pdfMs: pdf.wallMs, pages };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  await runExchangeBench({ runs: Number(values.runs) });
}

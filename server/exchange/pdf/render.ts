/**
 * ExportDocument → PDF bytes: the administrative layout for frozen versions and issued documents,
 * title + content for drafts; a record's PDF ends with its verification data (ledger seq, content
 * hash, link and QR code to the verification endpoint) so a printed copy can be traced back.
 */
import QRCode from 'qrcode';
import { needsTitleLine, type ExportDocument, type RecordVerification } from '../export-model';
import { renderAdministrative } from './administrative';
import { renderBlocks } from './content';
import { contentWidth, page, PdfWriter } from './writer';

export async function renderPdf(input: ExportDocument): Promise<Buffer> {
  const w = new PdfWriter({ title: input.title, subject: input.administrative?.summary });
  if (input.administrative) {
    renderAdministrative(w, input.administrative);
  } else {
    if (needsTitleLine(input)) w.paragraph([{ text: input.title, bold: true }], { size: 16, align: 'center', after: 12 });
    renderBlocks(w, input.content.content);
  }
  if (input.verification) renderVerification(w, input.verification);
  numberPages(w);
  return w.finish();
}

function renderVerification(w: PdfWriter, v: RecordVerification) {
  const qrSize = 72;
  w.ensure(qrSize + 16);
  const top = Math.max(w.y + 8, w.bottom - qrSize - 4);
  w.rule(page.left + contentWidth / 2, top - 6, contentWidth, 0.4);
  drawQr(w, v.verifyUrl, page.left, top, qrSize);
  w.y = top;
  const box = { x: page.left + qrSize + 10, width: contentWidth - qrSize - 10 };
  w.paragraph([{ text: `Bản ghi sổ cái số ${v.seq} · ghi ngày ${v.recordedAt}`, bold: true }], { size: 9, ...box, leading: 1.25 });
  w.paragraph([{ text: `SHA-256 nội dung: ${v.contentSha256}` }], { size: 8, ...box, leading: 1.25 });
  w.paragraph([{ text: `Kiểm tra: ${v.verifyUrl}`, link: v.verifyUrl }], { size: 8, ...box, leading: 1.25 });
  w.paragraph([{ text: 'Record verification: the content hash is signed in the ledger entry; check it online or offline with the record bundle (codraft verify).', italic: true }], { size: 7.5, ...box, leading: 1.2 });
}

function drawQr(w: PdfWriter, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  w.doc.save().fillColor('#000');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) w.doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
  w.doc.fill().restore();
}

/** Page numbers from page 2, centred in the top margin (as the decree places them). */
function numberPages(w: PdfWriter) {
  const range = w.doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    w.doc.switchToPage(i);
    const y = w.y;
    w.y = page.top / 2 - 6;
    w.paragraph([{ text: String(i - range.start + 1) }], { size: 13, align: 'center' });
    w.y = y;
  }
}

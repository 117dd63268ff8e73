/**
 * The administrative document layout (Decree 30/2020, appendix I) as a PDF: the two-column header
 * (superior body and issuing authority over the number and symbol; national name and motto over
 * place and date), type and summary, content, recipients on the left and the signer's block on
 * the right — with, for an issued document, the signer's and the seal's electronic signature marks
 * (name, signing time in ISO 8601 +07:00) between the title and the name.
 */
import { dateLine, nationalMotto, nationalName, numberLine, vietnamIso, type AdministrativeDocument } from '../../../shared/exchange/administrative-document';
import { renderBlocks } from './content';
import { contentWidth, page, type PdfWriter } from './writer';

const upper = (s: string) => s.toLocaleUpperCase('vi');

export function renderAdministrative(w: PdfWriter, d: AdministrativeDocument) {
  const leftWidth = contentWidth * 0.42;
  const left = { x: page.left - 20, width: leftWidth + 20 };
  const right = { x: page.left + leftWidth, width: contentWidth - leftWidth + 10 };
  const top = w.y;

  // Left column: superior body, authority (bold) with a short rule, then the number line.
  if (d.superiorBody) w.paragraph([{ text: upper(d.superiorBody) }], { size: 13, align: 'center', ...left, leading: 1.15 });
  w.paragraph([{ text: upper(d.agency || '…'), bold: true }], { size: 13, align: 'center', ...left, leading: 1.15 });
  w.rule(left.x + left.width / 2, w.y + 2, Math.min(left.width / 3, 80));
  const leftBottom = w.y + 8;

  // Right column: national name, motto with a rule as long as it.
  w.y = top;
  w.paragraph([{ text: nationalName, bold: true }], { size: 13, align: 'center', ...right, leading: 1.15 });
  w.paragraph([{ text: nationalMotto, bold: true }], { size: 14, align: 'center', ...right, leading: 1.15 });
  w.rule(right.x + right.width / 2, w.y + 2, w.measure({ text: nationalMotto, bold: true }, 14));
  const rightBottom = w.y + 8;

  // Number and date share a line below the taller column.
  const lineY = Math.max(leftBottom, rightBottom);
  w.y = lineY;
  w.paragraph([{ text: numberLine(d.number, d.symbol) }], { size: 13, align: 'center', ...left });
  if (!d.documentType && d.summary) w.paragraph([{ text: `V/v ${d.summary.replace(/^v\/v\s*/i, '')}` }], { size: 12, align: 'center', ...left });
  const afterLeft = w.y;
  w.y = lineY;
  w.paragraph([{ text: dateLine(d.place, d.date), italic: true }], { size: 14, align: 'center', ...right });
  w.y = Math.max(afterLeft, w.y) + 14;

  // Type and summary, centred, with a short rule below.
  if (d.documentType) {
    w.paragraph([{ text: upper(d.documentType), bold: true }], { size: 14, align: 'center' });
    if (d.summary) w.paragraph([{ text: d.summary, bold: true }], { size: 14, align: 'center' });
    w.rule(page.left + contentWidth / 2, w.y + 2, 70);
    w.y += 14;
  }

  renderBlocks(w, d.content.content);
  w.y += 8;
  renderSignatureArea(w, d);
}

function renderSignatureArea(w: PdfWriter, d: AdministrativeDocument) {
  const half = contentWidth / 2;
  const signer = { x: page.left + half - 10, width: half + 10 };
  const recipientsBox = { x: page.left, width: half - 20 };
  const prefixLines = (d.signer.authorityPrefix ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const signatureSpace = d.issued ? 90 : 70;
  const needed = (prefixLines.length + 2) * 17 + signatureSpace;
  w.ensure(needed);
  const top = w.y;

  // Signer, right: authority prefix lines and title (bold capitals), the signature space, the name.
  for (const line of prefixLines) w.paragraph([{ text: upper(line), bold: true }], { size: 14, align: 'center', ...signer, leading: 1.15 });
  w.paragraph([{ text: upper(d.signer.title || '…'), bold: true }], { size: 14, align: 'center', ...signer, leading: 1.15 });
  const marksTop = w.y + 6;
  if (d.issued) renderIssuedMarks(w, d, signer.x + signer.width / 2, marksTop);
  w.y = marksTop + signatureSpace - 6;
  w.paragraph([{ text: d.signer.name || ' ', bold: true }], { size: 14, align: 'center', ...signer });
  const signerBottom = w.y;

  w.y = top;
  // Recipients, left: "Nơi nhận:" then one line each, "- …;" and the last ending with ".".
  w.paragraph([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 12, ...recipientsBox, leading: 1.15 });
  d.recipients.forEach((r, i) => {
    const text = `- ${r.replace(/[;.]\s*$/, '')}${i === d.recipients.length - 1 ? '.' : ';'}`;
    w.paragraph([{ text }], { size: 11, ...recipientsBox, leading: 1.15 });
  });
  const recipientsBottom = w.y;

  w.y = Math.max(signerBottom, recipientsBottom) + 6;
}

/**
 * Electronic signature marks: the signer's (blue, name and signing time) and, over about a third
 * of it on the left, the agency's seal mark (red, agency and issuing time).
 */
function renderIssuedMarks(w: PdfWriter, d: AdministrativeDocument, cx: number, top: number) {
  const doc = w.doc;
  const personal = d.issued!.signatures[d.issued!.signatures.length - 1];
  const boxW = 170;
  const boxH = 50;
  const bx = cx - boxW / 2 + 20;
  doc.save();
  doc.roundedRect(bx, top + 10, boxW, boxH, 4).lineWidth(0.8).stroke('#1f4e9e');
  const saved = w.y;
  const text = (t: string, x: number, width: number, size: number, color: string, bold = false) => {
    doc.fillColor(color);
    w.paragraph([{ text: t, bold }], { size, x, width, align: 'center', leading: 1.1 });
  };
  w.y = top + 14;
  text(`Ký bởi: ${personal?.name ?? d.signer.name}`, bx + boxW / 3, (boxW * 2) / 3 - 4, 8, '#1f4e9e', true);
  text(`Thời gian ký: ${vietnamIso(personal?.signedAt ?? d.issued!.issuedAt)}`, bx + boxW / 3, (boxW * 2) / 3 - 4, 7, '#1f4e9e');
  // The seal mark: a red circle covering the left third of the signer's mark.
  const r = 34;
  const sx = bx + boxW / 6;
  const sy = top + 10 + boxH / 2;
  doc.circle(sx, sy, r).lineWidth(1.2).stroke('#c8102e');
  doc.circle(sx, sy, r - 4).lineWidth(0.5).stroke('#c8102e');
  w.y = sy - 17;
  text(upper(d.agency || ''), sx - r + 6, 2 * r - 12, 5.5, '#c8102e', true);
  text(vietnamIso(d.issued!.issuedAt), sx - r + 6, 2 * r - 12, 5, '#c8102e');
  if (d.number || d.symbol) text(numberLine(d.number, d.symbol).replace('Số: ', ''), sx - r + 6, 2 * r - 12, 5.5, '#c8102e');
  doc.fillColor('#000');
  doc.restore();
  w.y = saved;
}

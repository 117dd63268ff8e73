/**
 * ExportDocument → .docx bytes (the `docx` library). Times New Roman 14 pt, the decree's margins;
 * frozen versions and issued documents in the administrative layout (header and signature area as
 * borderless two-column tables, the way agencies' Word templates do it).
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import { dateLine, nationalMotto, nationalName, numberLine, vietnamIso, type AdministrativeDocument } from '../../../shared/exchange/administrative-document';
import { needsTitleLine, type ExportDocument } from '../export-model';
import { blocksToDocx, NumberingPlan } from './content';

const mmToTwip = (mm: number) => Math.round((mm / 25.4) * 1440);
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const upper = (s: string) => s.toLocaleUpperCase('vi');

const line = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string; align?: 'center' | 'left' } = {}) =>
  new Paragraph({ alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ? o.size * 2 : undefined, color: o.color })] });

const rule = () => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '────────', size: 20 })] });

const twoColumns = (left: Paragraph[], right: Paragraph[], leftPercent: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftPercent, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 100 - leftPercent, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });

function administrativeBlocks(d: AdministrativeDocument, plan: NumberingPlan): (Paragraph | Table)[] {
  const left = [
    ...(d.superiorBody ? [line(upper(d.superiorBody), { size: 13 })] : []),
    line(upper(d.agency || '…'), { bold: true, size: 13 }),
    rule(),
    line(numberLine(d.number, d.symbol), { size: 13 }),
    ...(!d.documentType && d.summary ? [line(`V/v ${d.summary}`, { size: 12 })] : []),
  ];
  const right = [line(nationalName, { bold: true, size: 13 }), line(nationalMotto, { bold: true, size: 14 }), rule(), line(dateLine(d.place, d.date), { italics: true, size: 14 })];
  const out: (Paragraph | Table)[] = [twoColumns(left, right, 42), new Paragraph({})];
  if (d.documentType) out.push(line(upper(d.documentType), { bold: true }), ...(d.summary ? [line(d.summary, { bold: true })] : []), rule());
  out.push(...blocksToDocx(d.content.content, plan), new Paragraph({}));

  const recipients = [line('Nơi nhận:', { bold: true, italics: true, size: 12, align: 'left' }), ...d.recipients.map((r, i) => line(`- ${r.replace(/[;.]\s*$/, '')}${i === d.recipients.length - 1 ? '.' : ';'}`, { size: 11, align: 'left' }))];
  const prefix = (d.signer.authorityPrefix ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const personal = d.issued?.signatures[d.issued.signatures.length - 1];
  const marks = d.issued
    ? [
        line(`[Dấu: ${upper(d.agency)} · ${vietnamIso(d.issued.issuedAt)}]`, { size: 9, color: 'C8102E' }),
        line(`[Ký bởi: ${personal?.name ?? d.signer.name} · ${vietnamIso(personal?.signedAt ?? d.issued.issuedAt)}]`, { size: 9, color: '1F4E9E' }),
      ]
    : [new Paragraph({}), new Paragraph({})];
  const signer = [...prefix.map((p) => line(upper(p), { bold: true })), line(upper(d.signer.title || '…'), { bold: true }), new Paragraph({}), ...marks, new Paragraph({}), line(d.signer.name || ' ', { bold: true })];
  out.push(twoColumns(recipients, signer, 50));
  return out;
}

export async function renderDocx(input: ExportDocument): Promise<Buffer> {
  const plan = new NumberingPlan();
  const children: (Paragraph | Table)[] = input.administrative
    ? administrativeBlocks(input.administrative, plan)
    : [...(needsTitleLine(input) ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.title, bold: true, size: 32 })] as ParagraphChild[] })] : []), ...blocksToDocx(input.content.content, plan)];
  if (input.verification) {
    const v = input.verification;
    children.push(new Paragraph({}), line(`Bản ghi sổ cái số ${v.seq} · SHA-256 nội dung: ${v.contentSha256} · Kiểm tra: ${v.verifyUrl}`, { size: 8, align: 'left' }));
  }
  const doc = new Document({
    title: input.title,
    creator: 'Codraft',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    numbering: { config: plan.config() },
    sections: [{ properties: { page: { size: { width: mmToTwip(210), height: mmToTwip(297) }, margin: { top: mmToTwip(20), bottom: mmToTwip(20), left: mmToTwip(30), right: mmToTwip(15) } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/**
 * The disposition table as a Word document and as a PDF, in the UI's language: heading (agency,
 * the draft's title, the round), the counts practice requires, then four columns (part of the
 * draft | who commented | comment | how it was handled and why). Reuses the export capability's
 * libraries: `docx` for Word, pdfkit through server/exchange/pdf/writer.ts with its embedded
 * Tinos faces (Vietnamese drawn and extractable).
 */
import { AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PdfWriter, page } from '../exchange/pdf/writer';
import type { DispositionRowDto, DispositionTableDto } from '../../shared/rounds/api';

const labels = {
  vi: {
    heading: 'BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN',
    draft: 'Dự thảo',
    round: 'Đợt lấy ý kiến',
    counts: (c: DispositionTableDto['counts']) =>
      `Số cơ quan, đơn vị được lấy ý kiến: ${c.departmentsConsulted}; số đã góp ý: ${c.departmentsAnswered}. Số ý kiến nhận được: ${c.commentsReceived}; tiếp thu: ${c.accepted}; tiếp thu một phần: ${c.partlyAccepted}; không tiếp thu: ${c.notAccepted}; chưa xử lý: ${c.undecided}.`,
    columns: ['Phần của dự thảo', 'Cơ quan, người góp ý', 'Nội dung ý kiến', 'Tiếp thu, giải trình'],
    dispositions: { accepted: 'Tiếp thu', partly_accepted: 'Tiếp thu một phần', not_accepted: 'Không tiếp thu' },
    undecided: 'Chưa xử lý',
    reply: 'Trả lời',
    none: 'Không có ý kiến nào trong đợt này.',
  },
  en: {
    heading: 'SUMMARY OF COMMENTS RECEIVED AND HOW THEY WERE HANDLED',
    draft: 'Draft',
    round: 'Consultation round',
    counts: (c: DispositionTableDto['counts']) =>
      `Departments consulted: ${c.departmentsConsulted}; answered: ${c.departmentsAnswered}. Comments received: ${c.commentsReceived}; accepted: ${c.accepted}; partly accepted: ${c.partlyAccepted}; not accepted: ${c.notAccepted}; not yet handled: ${c.undecided}.`,
    columns: ['Part of the draft', 'Who commented', 'Comment', 'How it was handled and why'],
    dispositions: { accepted: 'Accepted', partly_accepted: 'Partly accepted', not_accepted: 'Not accepted' },
    undecided: 'Not yet handled',
    reply: 'Reply',
    none: 'No comments were received in this round.',
  },
} as const;

export type ExportLanguage = keyof typeof labels;

interface Cells {
  part: string;
  who: string;
  comment: string[];
  handled: string;
}

function cellsOf(row: DispositionRowDto, lang: ExportLanguage): Cells {
  const l = labels[lang];
  return {
    part: row.partLabel,
    who: row.department ? `${row.department.name} — ${row.author.name}` : row.author.name,
    comment: [row.comment, ...row.replies.map((r) => `${l.reply} (${r.author}${r.department ? `, ${r.department}` : ''}): ${r.body}`)],
    handled: row.disposition ? `${l.dispositions[row.disposition]}${row.explanation ? `: ${row.explanation}` : ''}` : l.undecided,
  };
}

const headingLines = (table: DispositionTableDto, agency: string, lang: ExportLanguage) => {
  const l = labels[lang];
  return [agency, l.heading, `${l.draft}: ${table.round.documentTitle}`, `${l.round} ${table.round.number}: ${table.round.title}`].filter(Boolean);
};

const mmToTwip = (mm: number) => Math.round((mm / 25.4) * 1440);
const widths = [18, 20, 34, 28];

export async function dispositionDocx(table: DispositionTableDto, agency: string, lang: ExportLanguage): Promise<Buffer> {
  const l = labels[lang];
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (paragraphs: string[], percent: number, bold = false) =>
    new TableCell({
      borders,
      width: { size: percent, type: WidthType.PERCENTAGE },
      children: paragraphs.map((p) => new Paragraph({ children: [new TextRun({ text: p, bold, size: 24 })] })),
    });
  const header = new TableRow({ tableHeader: true, children: l.columns.map((c, i) => cell([c], widths[i]!, true)) });
  const rows = table.rows.map((row) => {
    const c = cellsOf(row, lang);
    return new TableRow({ children: [cell([c.part], widths[0]!), cell([c.who], widths[1]!), cell(c.comment, widths[2]!), cell([c.handled], widths[3]!)] });
  });
  const [agencyLine, ...rest] = headingLines(table, agency, lang);
  const children = [
    ...(agency ? [new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: agencyLine!.toLocaleUpperCase('vi'), bold: true, size: 26 })] })] : []),
    ...(agency ? rest : [agencyLine!, ...rest]).map(
      (text, i) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text, bold: i === 0, size: i === 0 ? 28 : 26 })] }),
    ),
    new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: l.counts(table.counts), italics: true, size: 24 })] }),
    table.rows.length ? new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }) : new Paragraph({ children: [new TextRun(l.none)] }),
  ];
  const doc = new Document({
    title: l.heading,
    creator: 'Codraft',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(297), height: mmToTwip(210), orientation: PageOrientation.LANDSCAPE },
            margin: { top: mmToTwip(20), bottom: mmToTwip(20), left: mmToTwip(25), right: mmToTwip(15) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function dispositionPdf(table: DispositionTableDto, agency: string, lang: ExportLanguage): Promise<Buffer> {
  const l = labels[lang];
  const w = new PdfWriter({ title: l.heading, subject: table.round.documentTitle });
  const lines = headingLines(table, agency, lang);
  lines.forEach((text, i) => w.paragraph([{ text, bold: i <= (agency ? 1 : 0) }], { size: i === (agency ? 1 : 0) ? 13 : 12, align: i === 0 && agency ? 'left' : 'center', after: 4 }));
  w.paragraph([{ text: l.counts(table.counts), italic: true }], { size: 11, after: 10 });
  if (table.rows.length === 0) {
    w.paragraph([{ text: l.none }], { size: 11 });
    return w.finish();
  }
  const total = page.width - page.left - page.right;
  const cols = widths.map((p) => (p / 100) * total);
  const xs = cols.map((_, i) => page.left + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const pad = 3;
  const size = 9.5;
  const drawRow = (texts: string[][], bold: boolean) => {
    const heights = texts.map((paras, i) =>
      paras.reduce((h, t) => h + w.paragraph([{ text: t, bold }], { size, x: xs[i]! + pad, width: cols[i]! - 2 * pad, measureOnly: true, after: 2 }), 0),
    );
    const height = Math.max(...heights) + 2 * pad;
    w.ensure(height);
    const top = w.y;
    texts.forEach((paras, i) => {
      w.y = top + pad;
      for (const t of paras) w.paragraph([{ text: t, bold }], { size, x: xs[i]! + pad, width: cols[i]! - 2 * pad, after: 2 });
      w.doc.rect(xs[i]!, top, cols[i]!, height).lineWidth(0.5).stroke('#000');
    });
    w.y = top + height;
  };
  drawRow(l.columns.map((c) => [c]), true);
  for (const row of table.rows) {
    const c = cellsOf(row, lang);
    drawRow([[c.part], [c.who], c.comment, [c.handled]], false);
  }
  return w.finish();
}

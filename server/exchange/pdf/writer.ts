/**
 * A small page writer on pdfkit: A4 pages with the decree's margins, a cursor, and paragraphs laid
 * out here (greedy line breaking, justification by widening spaces) so that each character can be
 * drawn with the font subset that has it (see fonts.ts). pdfkit draws and embeds; we place.
 */
import PDFDocument from 'pdfkit';
import { faceName, registerFonts, splitBySubset } from './fonts';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  link?: string;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphOptions {
  size: number;
  align?: Align;
  /** Left edge and width of the text column (default: the page's). */
  x?: number;
  width?: number;
  firstLineIndent?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  /** Line height as a multiple of the font size. */
  leading?: number;
  /** Lay out and measure only (no drawing, no page breaks). */
  measureOnly?: boolean;
}

const mm = 72 / 25.4;
/** Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const page = { width: 595.28, height: 841.89, top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm };
export const contentWidth = page.width - page.left - page.right;

const sameStyle = (a: Run, b: Run) => a === b || (!!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.strike === !!b.strike && a.link === b.link);

interface Piece {
  /** Segments of one word (or a forced line break when `br`). */
  segs: { run: Run; text: string; width: number }[];
  width: number;
  spaceAfter: number;
  spaceCount: number;
  br?: boolean;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  y = page.top;
  private readonly widths = new Map<string, number>();

  constructor(info: { title: string; author?: string; subject?: string }) {
    this.doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: true, bufferPages: true, info: { Title: info.title, Author: info.author ?? '', Subject: info.subject ?? '', Creator: 'Codraft' }, lang: 'vi-VN' } as PDFKit.PDFDocumentOptions);
    registerFonts(this.doc);
  }

  get bottom() {
    return page.height - page.bottom;
  }

  newPage() {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = page.top;
  }

  /** Start a new page if `height` does not fit below the cursor. */
  ensure(height: number) {
    if (this.y + height > this.bottom && this.y > page.top) this.newPage();
  }

  private width(run: Run, text: string, size: number): number {
    let total = 0;
    for (const part of splitBySubset(text)) {
      const face = faceName(part.subset, { bold: !!run.bold, italic: !!run.italic });
      const key = `${face}\u0000${part.text}`;
      let w = this.widths.get(key);
      if (w === undefined) {
        w = this.doc.font(face).fontSize(1000).widthOfString(part.text) / 1000;
        this.widths.set(key, w);
      }
      total += w * size;
    }
    return total;
  }

  private pieces(runs: Run[], size: number): Piece[] {
    const pieces: Piece[] = [];
    let current: Piece | null = null;
    for (const run of runs) {
      // Newlines are hard breaks; tabs and other spaces separate words.
      for (const token of run.text.split(/(\n| +|\t)/)) {
        if (!token) continue;
        if (token === '\n') {
          pieces.push({ segs: [], width: 0, spaceAfter: 0, spaceCount: 0, br: true });
          current = null;
        } else if (/^[ \t]+$/.test(token)) {
          if (current) {
            current.spaceAfter += this.width(run, ' ', size) * token.length;
            current.spaceCount += token.length;
          }
          current = null;
        } else {
          if (!current) {
            current = { segs: [], width: 0, spaceAfter: 0, spaceCount: 0 };
            pieces.push(current);
          }
          const width = this.width(run, token, size);
          current.segs.push({ run, text: token, width });
          current.width += width;
        }
      }
    }
    return pieces;
  }

  /** Break a word wider than the line into pieces that fit. */
  private splitWide(piece: Piece, max: number, size: number): Piece[] {
    const out: Piece[] = [];
    let cur: Piece = { segs: [], width: 0, spaceAfter: 0, spaceCount: 0 };
    for (const seg of piece.segs) {
      for (const ch of seg.text) {
        const w = this.width(seg.run, ch, size);
        if (cur.width + w > max && cur.segs.length) {
          out.push(cur);
          cur = { segs: [], width: 0, spaceAfter: 0, spaceCount: 0 };
        }
        const last = cur.segs[cur.segs.length - 1];
        if (last && last.run === seg.run) {
          last.text += ch;
          last.width += w;
        } else cur.segs.push({ run: seg.run, text: ch, width: w });
        cur.width += w;
      }
    }
    cur.spaceAfter = piece.spaceAfter;
    cur.spaceCount = piece.spaceCount;
    out.push(cur);
    return out;
  }

  /** Lay out (and draw) a paragraph at the cursor; returns its height. */
  paragraph(runs: Run[], opts: ParagraphOptions): number {
    const size = opts.size;
    const x0 = opts.x ?? page.left;
    const width = opts.width ?? contentWidth;
    const lineHeight = size * (opts.leading ?? 1.2);
    const align = opts.align ?? 'left';
    const lines: { pieces: Piece[]; width: number; last: boolean; indent: number }[] = [];
    let line: Piece[] = [];
    let lineWidth = 0;
    let indent = opts.firstLineIndent ?? 0;
    const push = (last: boolean) => {
      lines.push({ pieces: line, width: lineWidth, last, indent });
      line = [];
      lineWidth = 0;
      indent = 0;
    };
    for (const raw of this.pieces(runs, size)) {
      if (raw.br) {
        push(true);
        continue;
      }
      for (const piece of raw.width > width - indent ? this.splitWide(raw, width - indent, size) : [raw]) {
        const prevSpace = line.length ? line[line.length - 1]!.spaceAfter : 0;
        if (line.length && lineWidth + prevSpace + piece.width > width - indent) push(false);
        lineWidth += (line.length ? line[line.length - 1]!.spaceAfter : 0) + piece.width;
        line.push(piece);
      }
    }
    if (line.length || lines.length === 0) push(true);

    const height = lines.length * lineHeight + (opts.after ?? 0);
    if (opts.measureOnly) return height;
    for (const l of lines) {
      this.ensure(lineHeight);
      const free = width - l.indent - l.width;
      const spaces = l.pieces.slice(0, -1).reduce((n, p) => n + p.spaceCount, 0);
      const extra = align === 'justify' && !l.last && spaces > 0 ? free / spaces : 0;
      const x = x0 + l.indent + (align === 'center' ? free / 2 : align === 'right' ? free : 0);
      // One draw per run of equal style on the line (the spaces drawn with the words, so extracted
      // text keeps word boundaries); justification widens each space by `extra`.
      const chunks: { run: Run; text: string }[] = [];
      l.pieces.forEach((piece, i) => {
        piece.segs.forEach((seg, j) => {
          const text = i < l.pieces.length - 1 && j === piece.segs.length - 1 ? seg.text + ' '.repeat(piece.spaceCount) : seg.text;
          const last = chunks[chunks.length - 1];
          if (last && sameStyle(last.run, seg.run)) last.text += text;
          else chunks.push({ run: seg.run, text });
        });
      });
      let cx = x;
      for (const chunk of chunks) cx = this.drawText(chunk.run, chunk.text, cx, this.y + (lineHeight - size) / 2, size, extra);
      this.y += lineHeight;
    }
    this.y += opts.after ?? 0;
    return height;
  }

  /** Draws text from x; returns where it ends. `extra` widens every space (justification). */
  private drawText(run: Run, text: string, x: number, y: number, size: number, extra = 0): number {
    let cx = x;
    for (const part of splitBySubset(text)) {
      const face = faceName(part.subset, { bold: !!run.bold, italic: !!run.italic });
      const spaces = extra ? part.text.split(' ').length - 1 : 0;
      this.doc.font(face).fontSize(size).text(part.text, cx, y, {
        lineBreak: false,
        underline: run.underline,
        strike: run.strike,
        ...(spaces ? { wordSpacing: extra } : {}),
        ...(run.link ? { link: run.link } : {}),
      });
      cx += this.width(run, part.text, size) + spaces * extra;
    }
    return cx;
  }

  /** A horizontal line (e.g. under the motto), centred on `cx`. */
  rule(cx: number, y: number, length: number, width = 0.6) {
    this.doc.moveTo(cx - length / 2, y).lineTo(cx + length / 2, y).lineWidth(width).stroke('#000');
  }

  /** Width of a single-style string at a size (for rules sized to a line of text). */
  measure(run: Run, size: number) {
    return this.width(run, run.text, size);
  }

  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

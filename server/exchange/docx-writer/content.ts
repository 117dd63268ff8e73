/**
 * ProseMirror JSON (shared editor schema) → `docx` library blocks: headings (Word's built-in
 * "Heading n" styles, so Word and our importer see them as headings), paragraphs with alignment,
 * bold/italic/underline/strike, links, line breaks, nested lists (Word numbering, each list
 * restarting), tables with merged cells (gridSpan / vMerge).
 */
import {
  AlignmentType, BorderStyle, ExternalHyperlink, HeadingLevel, LevelFormat, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ILevelsOptions, type ParagraphChild,
} from 'docx';
import type { PMNode } from '../../../shared/exchange/prosemirror-json';

const alignments = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;
const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

export const bulletRef = 'codraft-bullet';
export const orderedRef = 'codraft-ordered';

const levels = (ordered: boolean, start = 1): ILevelsOptions[] =>
  Array.from({ length: 9 }, (_, level) => ({
    level,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : ['•', '◦', '▪'][level % 3]!,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

/** Collects the numbering definitions the lists of one document need. */
export class NumberingPlan {
  private readonly starts = new Set<number>();
  private instance = 0;
  reference(ordered: boolean, start: number): string {
    if (!ordered) return bulletRef;
    if (start === 1) return orderedRef;
    this.starts.add(start);
    return `${orderedRef}-${start}`;
  }
  nextInstance() {
    return ++this.instance;
  }
  config() {
    return [
      { reference: bulletRef, levels: levels(false) },
      { reference: orderedRef, levels: levels(true) },
      ...[...this.starts].map((s) => ({ reference: `${orderedRef}-${s}`, levels: levels(true, s) })),
    ];
  }
}

export function inlineChildren(nodes: PMNode[] = [], base: { bold?: boolean; size?: number } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    if (n.type !== 'text' || !n.text) continue;
    const marks = new Set((n.marks ?? []).map((m) => m.type));
    const run = new TextRun({
      text: n.text,
      bold: base.bold || marks.has('bold') || undefined,
      italics: marks.has('italic') || undefined,
      underline: marks.has('underline') ? {} : undefined,
      strike: marks.has('strike') || undefined,
      size: base.size,
      ...(marks.has('code') ? { font: 'Courier New' } : {}),
    });
    const href = n.marks?.find((m) => m.type === 'link')?.attrs?.href;
    out.push(typeof href === 'string' && /^(https?:|mailto:)/.test(href) ? new ExternalHyperlink({ link: href, children: [run] }) : run);
  }
  return out;
}

const alignOf = (n: PMNode) => alignments[(n.attrs?.textAlign as keyof typeof alignments) ?? 'left'] ?? undefined;

export function blocksToDocx(nodes: PMNode[] = [], plan: NumberingPlan, list?: { reference: string; level: number; instance: number }): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  // Only an item's first paragraph carries the number; nested lists still know their level.
  let numbered = list;
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(new Paragraph({
          children: inlineChildren(node.content),
          alignment: node.attrs?.textAlign ? alignOf(node) : undefined,
          ...(numbered ? { numbering: { reference: numbered.reference, level: numbered.level, instance: numbered.instance } } : {}),
        }));
        numbered = undefined;
        break;
      case 'heading':
        out.push(new Paragraph({ children: inlineChildren(node.content), heading: headings[Math.min(3, Number(node.attrs?.level ?? 1)) - 1], alignment: node.attrs?.textAlign ? alignOf(node) : undefined }));
        break;
      case 'bulletList':
      case 'orderedList': {
        const ordered = node.type === 'orderedList';
        const level = list ? list.level + 1 : 0;
        const reference = plan.reference(ordered, Number(node.attrs?.start ?? 1));
        const instance = plan.nextInstance();
        for (const item of node.content ?? []) out.push(...blocksToDocx(item.content, plan, { reference, level, instance }));
        break;
      }
      case 'blockquote':
        out.push(...blocksToDocx(node.content, plan).map((b) => b));
        break;
      case 'codeBlock':
        out.push(new Paragraph({ children: [new TextRun({ text: (node.content ?? []).map((t) => t.text ?? '').join(''), font: 'Courier New' })] }));
        break;
      case 'horizontalRule':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, children: [] }));
        break;
      case 'table':
        out.push(tableToDocx(node, plan));
        break;
      default:
        out.push(...blocksToDocx(node.content, plan));
    }
  }
  return out;
}

function tableToDocx(node: PMNode, plan: NumberingPlan): Table {
  const rows = (node.content ?? []).map(
    (row) =>
      new TableRow({
        tableHeader: (row.content ?? []).length > 0 && (row.content ?? []).every((c) => c.type === 'tableHeader'),
        children: (row.content ?? []).map((cell) => {
          const blocks = blocksToDocx(cell.content, plan);
          return new TableCell({
            children: blocks.length ? blocks : [new Paragraph({})],
            columnSpan: Number(cell.attrs?.colspan ?? 1) > 1 ? Number(cell.attrs!.colspan) : undefined,
            rowSpan: Number(cell.attrs?.rowspan ?? 1) > 1 ? Number(cell.attrs!.rowspan) : undefined,
          });
        }),
      }),
  );
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

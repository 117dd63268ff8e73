/**
 * Draft content (ProseMirror JSON of the shared schema) → PDF blocks through PdfWriter:
 * paragraphs and headings with their alignment, lists (nested, numbered or bulleted), tables with
 * merged cells, quotes, code, rules. Sizes follow the decree's body text (13–14 pt).
 */
import type { PMNode } from '../../../shared/exchange/prosemirror-json';
import { contentWidth, page, type Align, type PdfWriter, type Run } from './writer';

export const bodySize = 14;
const headingSizes: Record<number, number> = { 1: 16, 2: 14, 3: 14 };

export function runsOf(nodes: PMNode[] = [], base: Partial<Run> = {}): Run[] {
  return nodes.map((n) => {
    if (n.type === 'hardBreak') return { text: '\n' };
    const marks = new Set((n.marks ?? []).map((m) => m.type));
    const link = n.marks?.find((m) => m.type === 'link')?.attrs?.href as string | undefined;
    return {
      ...base,
      text: (n.text ?? '').replace(/\t/g, ' '),
      bold: base.bold || marks.has('bold'),
      italic: base.italic || marks.has('italic'),
      underline: marks.has('underline') || !!link,
      strike: marks.has('strike'),
      ...(link && /^(https?:|mailto:)/.test(link) ? { link } : {}),
    };
  });
}

interface Box {
  x: number;
  width: number;
}

const alignOf = (n: PMNode, fallback: Align): Align => (n.attrs?.textAlign as Align | null | undefined) ?? fallback;

export function renderBlocks(w: PdfWriter, nodes: PMNode[] = [], box: Box = { x: page.left, width: contentWidth }, measureOnly = false): number {
  let height = 0;
  for (const node of nodes) height += renderBlock(w, node, box, measureOnly);
  return height;
}

function renderBlock(w: PdfWriter, node: PMNode, box: Box, measureOnly: boolean): number {
  switch (node.type) {
    case 'paragraph':
      return w.paragraph(runsOf(node.content), { size: bodySize, align: alignOf(node, 'justify'), x: box.x, width: box.width, firstLineIndent: box.x === page.left ? 28 : 0, after: 6, measureOnly });
    case 'heading': {
      const level = Number(node.attrs?.level ?? 1);
      return w.paragraph(runsOf(node.content, { bold: true }), { size: headingSizes[level] ?? bodySize, align: alignOf(node, level === 1 ? 'center' : 'left'), x: box.x, width: box.width, after: 6, measureOnly });
    }
    case 'bulletList':
    case 'orderedList':
      return renderList(w, node, box, measureOnly);
    case 'blockquote':
      return renderBlocks(w, node.content, { x: box.x + 24, width: box.width - 24 }, measureOnly);
    case 'codeBlock':
      return w.paragraph([{ text: (node.content ?? []).map((t) => t.text ?? '').join('') }], { size: 11, x: box.x + 12, width: box.width - 12, after: 6, measureOnly });
    case 'horizontalRule':
      if (!measureOnly) {
        w.ensure(12);
        w.rule(box.x + box.width / 2, w.y + 6, box.width / 3);
        w.y += 12;
      }
      return 12;
    case 'table':
      return renderTable(w, node, box, measureOnly);
    default:
      return renderBlocks(w, node.content, box, measureOnly);
  }
}

function renderList(w: PdfWriter, list: PMNode, box: Box, measureOnly: boolean): number {
  const indent = 22;
  let height = 0;
  let n = Number(list.attrs?.start ?? 1);
  for (const item of list.content ?? []) {
    const marker = list.type === 'orderedList' ? `${n++}.` : '•';
    const y = w.y;
    const [first, ...rest] = item.content ?? [];
    // The marker sits on the first line of the item's first paragraph.
    if (!measureOnly) {
      w.ensure(bodySize * 1.2);
      const markerY = w.y;
      w.paragraph([{ text: marker }], { size: bodySize, x: box.x, width: indent, measureOnly: false });
      w.y = markerY;
    }
    const inner = { x: box.x + indent, width: box.width - indent };
    height += first ? renderBlock(w, first.type === 'paragraph' ? { ...first, attrs: { textAlign: 'left' } } : first, inner, measureOnly) : 0;
    height += renderBlocks(w, rest, inner, measureOnly);
    void y;
  }
  return height;
}

/** Cells placed on the table's grid (merged cells occupy several slots). */
function placeCells(table: PMNode) {
  const rows = table.content ?? [];
  const taken: boolean[][] = rows.map(() => []);
  const cells: { node: PMNode; row: number; col: number; colspan: number; rowspan: number }[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.content ?? []) {
      while (taken[r]![c]) c++;
      const colspan = Math.max(1, Number(cell.attrs?.colspan ?? 1));
      const rowspan = Math.max(1, Math.min(rows.length - r, Number(cell.attrs?.rowspan ?? 1)));
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) taken[r + dr]![c + dc] = true;
      cells.push({ node: cell, row: r, col: c, colspan, rowspan });
      c += colspan;
    }
  });
  const columns = Math.max(1, ...taken.map((t) => t.length));
  return { cells, rowCount: rows.length, columns };
}

function renderTable(w: PdfWriter, table: PMNode, box: Box, measureOnly: boolean): number {
  const { cells, rowCount, columns } = placeCells(table);
  const colWidth = box.width / columns;
  const pad = 4;
  const cellBox = (c: (typeof cells)[number]) => ({ x: box.x + c.col * colWidth + pad, width: c.colspan * colWidth - 2 * pad });
  const contentHeight = (c: (typeof cells)[number]) => renderBlocks(w, c.node.content, cellBox(c), true) + 2 * pad;
  // Row heights: single-row cells first, then merged cells stretch their last row if needed.
  const heights = Array.from({ length: rowCount }, () => 0);
  for (const c of cells) if (c.rowspan === 1) heights[c.row] = Math.max(heights[c.row]!, contentHeight(c));
  for (const c of cells.filter((c) => c.rowspan > 1)) {
    const spanned = heights.slice(c.row, c.row + c.rowspan).reduce((a, b) => a + b, 0);
    const need = contentHeight(c);
    if (need > spanned) heights[c.row + c.rowspan - 1]! += need - spanned;
  }
  const total = heights.reduce((a, b) => a + b, 0) + 6;
  if (measureOnly) return total;
  let r = 0;
  while (r < rowCount) {
    // Rows joined by a merged cell move to the next page together.
    let end = r + 1;
    for (const c of cells) if (c.row < end && c.row + c.rowspan > end && c.row >= r) end = c.row + c.rowspan;
    const blockHeight = heights.slice(r, end).reduce((a, b) => a + b, 0);
    w.ensure(blockHeight);
    const top = w.y;
    const rowTop = (row: number) => top + heights.slice(r, row).reduce((a, b) => a + b, 0);
    for (const c of cells.filter((c) => c.row >= r && c.row < end)) {
      const y = rowTop(c.row);
      const h = heights.slice(c.row, c.row + c.rowspan).reduce((a, b) => a + b, 0);
      w.doc.rect(box.x + c.col * colWidth, y, c.colspan * colWidth, h).lineWidth(0.5).stroke('#000');
      w.y = y + pad;
      const node = c.node.type === 'tableHeader' ? { ...c.node, content: (c.node.content ?? []).map((b) => (b.type === 'paragraph' ? { ...b, content: (b.content ?? []).map((t) => ({ ...t, marks: [...(t.marks ?? []), { type: 'bold' }] })) } : b)) } : c.node;
      renderBlocks(w, node.content, cellBox(c));
    }
    w.y = top + blockHeight;
    r = end;
  }
  w.y += 6;
  return total;
}

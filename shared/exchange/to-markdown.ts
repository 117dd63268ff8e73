/**
 * ProseMirror JSON (shared editor schema) → Markdown (CommonMark + GFM tables). What Markdown
 * cannot say — alignment, merged cells, underline — degrades visibly (a merged cell repeats
 * nothing and leaves its neighbours empty; underline becomes <u>…</u>, which GFM renders).
 * No I/O: used by the server's export and usable in the browser.
 */
import type { PMMark, PMNode } from './prosemirror-json';

const escapeText = (s: string) => s.replace(/([\\`*_[\]#<>|])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');

const markOpen: Record<string, (m: PMMark) => string> = { bold: () => '**', italic: () => '*', strike: () => '~~', underline: () => '<u>', code: () => '`', link: () => '[' };
const markClose: Record<string, (m: PMMark) => string> = {
  bold: () => '**', italic: () => '*', strike: () => '~~', underline: () => '</u>', code: () => '`',
  link: (m) => `](${String(m.attrs?.href ?? '').replace(/[()\s]/g, encodeURIComponent)})`,
};
const markOrder = ['link', 'bold', 'italic', 'strike', 'underline', 'code'];

function inline(nodes: PMNode[] = []): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out += '\\\n';
      continue;
    }
    if (n.type !== 'text') continue;
    const marks = [...(n.marks ?? [])].sort((a, b) => markOrder.indexOf(a.type) - markOrder.indexOf(b.type));
    const isCode = marks.some((m) => m.type === 'code');
    const text = isCode ? n.text ?? '' : escapeText(n.text ?? '');
    // Emphasis markers must hug non-space characters: move surrounding spaces outside the marks.
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
    if (!core) {
      out += text;
      continue;
    }
    out += lead + marks.map((m) => markOpen[m.type]?.(m) ?? '').join('') + core + [...marks].reverse().map((m) => markClose[m.type]?.(m) ?? '').join('') + trail;
  }
  return out;
}

const indent = (text: string, prefix: string) => text.split('\n').map((line, i) => (i === 0 ? line : line ? ' '.repeat(prefix.length) + line : line)).join('\n');

function block(node: PMNode): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      return `${'#'.repeat(Number(node.attrs?.level ?? 1))} ${inline(node.content)}`;
    case 'blockquote':
      return blocks(node.content).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
    case 'codeBlock': {
      const text = (node.content ?? []).map((t) => t.text ?? '').join('');
      const fence = text.includes('```') ? '~~~' : '```';
      return `${fence}${node.attrs?.language ?? ''}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return (node.content ?? [])
        .map((item, i) => {
          const prefix = node.type === 'bulletList' ? '- ' : `${start + i}. `;
          return prefix + indent(blocks(item.content, true), prefix);
        })
        .join('\n');
    }
    case 'table':
      return table(node);
    default:
      return blocks(node.content);
  }
}

function blocks(nodes: PMNode[] = [], tight = false): string {
  return nodes.map(block).join(tight ? '\n' : '\n\n');
}

function table(node: PMNode): string {
  const rows = node.content ?? [];
  const cellText = (cell: PMNode) => blocks(cell.content, true).replace(/\n+/g, ' ').trim() || ' ';
  // Lay merged cells out on the grid: the text goes in the first slot, the rest stay empty.
  const grid: string[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.content ?? []) {
      while (grid[r]![c] !== undefined) c++;
      const colspan = Number(cell.attrs?.colspan ?? 1);
      const rowspan = Number(cell.attrs?.rowspan ?? 1);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? cellText(cell) : ' ';
      c += colspan;
    }
  });
  const width = Math.max(1, ...grid.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? ' ').join(' | ')} |`;
  const [head = [], ...body] = grid;
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** The Markdown of a document, with an optional `# title` line first. */
export function toMarkdown(doc: PMNode, title?: string): string {
  const body = blocks(doc.content);
  return `${title ? `# ${escapeText(title)}\n\n` : ''}${body}\n`;
}

/**
 * ProseMirror JSON as the shared editor schema (shared/editor-schema.ts) writes it, and a counter
 * of what an import could not carry over. Importers build these; exporters walk them. No I/O.
 */
export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  marks?: PMMark[];
  text?: string;
}

/** One kind of content an import left out (or replaced by a placeholder), and how often. */
export interface DroppedItem {
  what: string;
  count: number;
}

export class DroppedCounter {
  private readonly counts = new Map<string, number>();
  add(what: string, count = 1) {
    this.counts.set(what, (this.counts.get(what) ?? 0) + count);
  }
  list(): DroppedItem[] {
    return [...this.counts].map(([what, count]) => ({ what, count }));
  }
}

export const paragraph = (content: PMNode[] = [], textAlign?: string | null): PMNode => ({
  type: 'paragraph',
  ...(textAlign ? { attrs: { textAlign } } : {}),
  ...(content.length ? { content } : {}),
});

export const textNode = (text: string, marks: PMMark[] = []): PMNode => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });

/** All the text of a node, blocks separated by a newline (for checks and summaries). */
export function plainText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(plainText);
  const isBlockContainer = (node.content ?? []).some((c) => c.type !== 'text' && c.type !== 'hardBreak');
  return inner.join(isBlockContainer ? '\n' : '');
}

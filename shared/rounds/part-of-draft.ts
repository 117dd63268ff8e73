/**
 * "Part of the draft" a comment concerns, for the disposition table: the article and clause
 * ("Điều 3, khoản 2") when the draft is written in articles, else the nearest heading above the
 * passage, else the paragraph number. Computed over the draft's top-level blocks (type and text),
 * so the server (from the live Y.Doc) and tests decide the same way. No I/O.
 */
import type { PartOfDraft } from './api';

export interface DraftBlock {
  /** ProseMirror node name: paragraph, heading, bulletList, orderedList, table… */
  type: string;
  text: string;
}

const articlePattern = /^\s*(?:Điều|Article)\s+(\d+)\b/iu;
const clausePattern = /^\s*(\d+)[.)]\s/u;
const headingLength = 80;

/** The part of the draft for a passage starting in top-level block `index`. */
export function partOfDraft(blocks: readonly DraftBlock[], index: number): PartOfDraft {
  if (index < 0 || index >= blocks.length) return { kind: 'document' };
  for (let i = index; i >= 0; i--) {
    const article = articlePattern.exec(blocks[i]!.text);
    if (!article) continue;
    // A clause is a numbered paragraph between the article and the passage (the passage's own first).
    for (let j = index; j > i; j--) {
      const clause = clausePattern.exec(blocks[j]!.text);
      if (clause) return { kind: 'article', article: Number(article[1]), clause: Number(clause[1]) };
    }
    return { kind: 'article', article: Number(article[1]) };
  }
  for (let i = index; i >= 0; i--) {
    if (blocks[i]!.type === 'heading' && blocks[i]!.text.trim()) {
      const text = blocks[i]!.text.trim();
      return { kind: 'heading', heading: text.length > headingLength ? `${text.slice(0, headingLength - 1)}…` : text };
    }
  }
  return { kind: 'paragraph', paragraph: index + 1 };
}

/** How the part reads in the UI's language. */
export function partLabel(part: PartOfDraft, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  switch (part.kind) {
    case 'article':
      return vi
        ? `Điều ${part.article}${part.clause !== undefined ? `, khoản ${part.clause}` : ''}`
        : `Article ${part.article}${part.clause !== undefined ? `, clause ${part.clause}` : ''}`;
    case 'heading':
      return part.heading ?? '';
    case 'paragraph':
      return vi ? `Đoạn ${part.paragraph}` : `Paragraph ${part.paragraph}`;
    case 'orphaned':
      return vi ? 'Đoạn đã bị xoá' : 'Deleted passage';
    default:
      return vi ? 'Toàn văn dự thảo' : 'Whole draft';
  }
}

/**
 * Markdown → ProseMirror JSON of the shared editor schema, from markdown-it's token stream
 * (CommonMark + GFM tables and strikethrough). Raw HTML is never interpreted (kept as text, <u> aside); images
 * become a visible placeholder and are reported, as in DOCX import.
 */
import MarkdownIt from 'markdown-it';
import { DroppedCounter, paragraph, textNode, type PMMark, type PMNode } from '../../../shared/exchange/prosemirror-json';
import type { ImportedContent } from '../docx/read-docx';

// html: true only so that <u>…</u> (what our exporter writes for underline) comes back as a mark;
// any other HTML stays literal text and is never interpreted.
const md = new MarkdownIt('default', { html: true, linkify: false, breaks: false });
type Token = ReturnType<typeof md.parse>[number];

const blockTypes: Record<string, (t: Token) => PMNode> = {
  paragraph_open: () => ({ type: 'paragraph', content: [] }),
  heading_open: (t) => ({ type: 'heading', attrs: { level: Math.min(3, Number(t.tag.slice(1))), textAlign: null }, content: [] }),
  bullet_list_open: () => ({ type: 'bulletList', content: [] }),
  ordered_list_open: (t) => ({ type: 'orderedList', attrs: { start: Number(t.attrGet('start') ?? 1) }, content: [] }),
  list_item_open: () => ({ type: 'listItem', content: [] }),
  blockquote_open: () => ({ type: 'blockquote', content: [] }),
  table_open: () => ({ type: 'table', content: [] }),
  tr_open: () => ({ type: 'tableRow', content: [] }),
  th_open: (t) => ({ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', attrs: { textAlign: align(t) }, content: [] }] }),
  td_open: (t) => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', attrs: { textAlign: align(t) }, content: [] }] }),
};
const align = (t: Token) => /text-align:(left|center|right)/.exec(String(t.attrGet('style') ?? ''))?.[1] ?? null;
const markTypes: Record<string, PMMark> = { strong_open: { type: 'bold' }, em_open: { type: 'italic' }, s_open: { type: 'strike' } };

function inline(tokens: Token[], dropped: DroppedCounter): PMNode[] {
  const out: PMNode[] = [];
  const marks: PMMark[] = [];
  for (const t of tokens) {
    if (markTypes[t.type]) marks.push(markTypes[t.type]!);
    else if (t.type === 'link_open') {
      const href = String(t.attrGet('href') ?? '');
      marks.push(/^(https?:|mailto:)/i.test(href) ? { type: 'link', attrs: { href } } : { type: 'link-ignored' });
    } else if (/_close$/.test(t.type)) marks.pop();
    else if (t.type === 'text' && t.content) out.push(textNode(t.content, marks.filter((m) => m.type !== 'link-ignored')));
    else if (t.type === 'code_inline') out.push(textNode(t.content, [...marks.filter((m) => m.type !== 'link-ignored'), { type: 'code' }]));
    else if (t.type === 'softbreak') out.push(textNode(' ', marks.filter((m) => m.type !== 'link-ignored')));
    else if (t.type === 'hardbreak') out.push({ type: 'hardBreak' });
    else if (t.type === 'image') {
      dropped.add('image');
      out.push(textNode(`[hình ảnh${t.content ? `: ${t.content}` : ''}]`));
    } else if (t.type === 'html_inline') {
      if (/^<u>$/i.test(t.content)) marks.push({ type: 'underline' });
      else if (/^<\/u>$/i.test(t.content)) marks.pop();
      else out.push(textNode(t.content, marks.filter((m) => m.type !== 'link-ignored')));
    }
  }
  return out.filter((n) => n.type !== 'text' || n.text);
}

export function readMarkdown(source: string): Omit<ImportedContent, 'legacyEncodings'> {
  const dropped = new DroppedCounter();
  const root: PMNode = { type: 'doc', content: [] };
  const stack: PMNode[] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const t of md.parse(source, {})) {
    const make = blockTypes[t.type];
    if (make) {
      const node = make(t);
      top().content!.push(node);
      stack.push(node);
      // Table cells hold a paragraph; inline content goes into it.
      if (node.type === 'tableCell' || node.type === 'tableHeader') stack.push(node.content![0]!);
    } else if (t.type === 'inline') {
      // Tight list items have hidden paragraphs: markdown-it still emits paragraph_open, so this is safe.
      top().content!.push(...inline(t.children ?? [], dropped));
    } else if (t.type === 'th_close' || t.type === 'td_close') {
      stack.pop();
      stack.pop();
    } else if (t.type === 'thead_open' || t.type === 'tbody_open' || t.type === 'thead_close' || t.type === 'tbody_close') {
      // Rows go straight into the table.
    } else if (/_close$/.test(t.type)) {
      stack.pop();
    } else if (t.type === 'fence' || t.type === 'code_block') {
      const text = t.content.replace(/\n$/, '');
      top().content!.push({ type: 'codeBlock', attrs: { language: t.info.trim() || null }, ...(text ? { content: [textNode(text)] } : {}) });
    } else if (t.type === 'hr') {
      top().content!.push({ type: 'horizontalRule' });
    } else if (t.type === 'html_block') {
      dropped.add('HTML block');
      top().content!.push(paragraph([textNode(t.content.trim())]));
    }
  }
  const clean = (n: PMNode): PMNode => {
    if (!n.content) return n;
    const content = n.content.map(clean);
    if (content.length === 0 && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'codeBlock') return { ...n, content: [paragraph()] };
    return content.length ? { ...n, content } : (({ content: _c, ...rest }) => rest)(n);
  };
  const doc = clean(root);
  if (!doc.content?.length) doc.content = [paragraph()];
  return { doc, dropped: dropped.list() };
}

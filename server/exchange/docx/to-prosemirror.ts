/**
 * WordprocessingML body → ProseMirror JSON of the shared editor schema. Keeps paragraphs, headings,
 * bold/italic/underline/strike, hyperlinks, nested lists, tables (merged cells as colspan/rowspan),
 * alignment, line breaks, footnotes (as text after the content); legacy TCVN3/VNI fonts are
 * converted to Unicode. What the editor cannot hold (images, text boxes, equations, comments…)
 * becomes a visible placeholder or is counted in `dropped`, never silently lost.
 */
import { convertLegacy, legacyEncodingOfFont, type LegacyEncoding } from '../../../shared/exchange/legacy-encoding';
import { DroppedCounter, paragraph, textNode, type PMMark, type PMNode } from '../../../shared/exchange/prosemirror-json';
import { mergeRun, resolveStyle, runStyleOf, type PackageInfo, type RunStyle } from './package-info';
import { child, elements, textOf, toggle, val, type XmlElement } from './xml';

export interface BodyResult {
  doc: PMNode;
  dropped: DroppedCounter;
  /** Runs converted from a legacy encoding, by encoding. */
  legacy: Map<LegacyEncoding, number>;
}

const alignments: Record<string, string> = { center: 'center', right: 'right', end: 'right', both: 'justify', distribute: 'justify' };
const safeHref = (href: string) => (/^(https?:|mailto:)/i.test(href) ? href : undefined);

interface ListFrame {
  node: PMNode;
  numId: string;
}

class BodyConverter {
  readonly dropped = new DroppedCounter();
  readonly legacy = new Map<LegacyEncoding, number>();
  private readonly noteOrder: string[] = [];

  constructor(private readonly info: PackageInfo) {}

  /** Block-level children of the body, a table cell, a content control… */
  blocks(container: XmlElement): PMNode[] {
    const out: PMNode[] = [];
    let lists: ListFrame[] = [];
    for (const el of elements(container)) {
      if (el.name === 'w:p') {
        const numPr = child(child(el, 'w:pPr'), 'w:numPr');
        const numId = val(numPr, 'w:numId');
        const para = this.paragraph(el);
        if (numId && numId !== '0' && para.type === 'paragraph') {
          lists = this.addListItem(out, lists, numId, Number(val(numPr, 'w:ilvl') ?? 0), para);
        } else {
          lists = [];
          if (para.type === 'paragraph' && !para.content && this.isPageBreakOnly(el)) continue;
          out.push(para);
        }
      } else if (el.name === 'w:tbl') {
        lists = [];
        out.push(this.table(el));
      } else if (el.name === 'w:sdt') {
        out.push(...this.blocks(child(el, 'w:sdtContent') ?? el));
      } else if (el.name === 'w:customXml' || el.name === 'w:ins' || el.name === 'w:moveTo') {
        out.push(...this.blocks(el));
      } else if (el.name === 'w:altChunk') {
        this.dropped.add('embedded document');
      }
      // w:sectPr, bookmarks, w:del, w:moveFrom, proofing marks: nothing to show.
    }
    return out;
  }

  private isPageBreakOnly(p: XmlElement) {
    return JSON.stringify(p).includes('"w:type":"page"');
  }

  private addListItem(out: PMNode[], stack: ListFrame[], numId: string, level: number, para: PMNode): ListFrame[] {
    const def = this.info.numbering.get(numId)?.get(level) ?? { ordered: false, start: 1 };
    const type = def.ordered ? 'orderedList' : 'bulletList';
    const frames = stack.slice(0, level + 1);
    // A different list at this level, or a level jump: start a fresh list there.
    while (frames.length > 0 && frames.length === level + 1 && (frames[frames.length - 1]!.node.type !== type || frames[frames.length - 1]!.numId !== numId)) frames.pop();
    while (frames.length < level + 1) {
      const list: PMNode = { type, ...(def.ordered ? { attrs: { start: def.start } } : {}), content: [] };
      const parent = frames[frames.length - 1];
      if (parent) {
        const items = parent.node.content!;
        const lastItem = items[items.length - 1] ?? (items.push({ type: 'listItem', content: [paragraph()] }), items[items.length - 1]!);
        lastItem.content!.push(list);
      } else {
        out.push(list);
      }
      frames.push({ node: list, numId });
    }
    frames[frames.length - 1]!.node.content!.push({ type: 'listItem', content: [para] });
    return frames;
  }

  private paragraph(p: XmlElement): PMNode {
    const pPr = child(p, 'w:pPr');
    const style = resolveStyle(this.info, val(pPr, 'w:pStyle'));
    // A heading's bold comes with its level; only direct formatting becomes marks there.
    const base = mergeRun(this.info.defaultRun, style.headingLevel ? { ...style.run, bold: undefined } : style.run);
    const content = this.inlines(p, base, []);
    const align = alignments[val(pPr, 'w:jc') ?? ''] ?? null;
    if (style.headingLevel) {
      return { type: 'heading', attrs: { level: Math.min(3, style.headingLevel), textAlign: align }, ...(content.length ? { content } : {}) };
    }
    return paragraph(content, align);
  }

  private inlines(el: XmlElement, base: RunStyle, linkMarks: PMMark[]): PMNode[] {
    const out: PMNode[] = [];
    for (const c of elements(el)) {
      switch (c.name) {
        case 'w:r':
          out.push(...this.run(c, base, linkMarks));
          break;
        case 'w:hyperlink': {
          const href = c.attrs['r:id'] ? safeHref(this.info.links.get(c.attrs['r:id']) ?? '') : undefined;
          out.push(...this.inlines(c, base, href ? [{ type: 'link', attrs: { href } }] : linkMarks));
          break;
        }
        case 'w:ins': case 'w:moveTo': case 'w:smartTag': case 'w:customXml': case 'w:fldSimple': case 'w:sdtContent': case 'w:dir': case 'w:bdo':
          out.push(...this.inlines(c, base, linkMarks));
          break;
        case 'w:sdt':
          out.push(...this.inlines(child(c, 'w:sdtContent') ?? c, base, linkMarks));
          break;
        case 'm:oMath': case 'm:oMathPara':
          this.dropped.add('equation');
          out.push(textNode('[công thức]'));
          break;
        // w:del, w:moveFrom (tracked deletions), bookmarks, comment ranges: not content.
      }
    }
    return this.mergeTexts(out);
  }

  private inField = false;

  private run(r: XmlElement, base: RunStyle, linkMarks: PMMark[]): PMNode[] {
    const rPr = child(r, 'w:rPr');
    const style = mergeRun(mergeRun(base, resolveStyle(this.info, val(rPr, 'w:rStyle')).run), runStyleOf(rPr));
    const marks: PMMark[] = [...linkMarks];
    if (style.bold) marks.push({ type: 'bold' });
    if (style.italic) marks.push({ type: 'italic' });
    if (style.underline) marks.push({ type: 'underline' });
    if (style.strike) marks.push({ type: 'strike' });
    const legacy = legacyEncodingOfFont(style.font);
    const out: PMNode[] = [];
    const text = (t: string) => {
      if (!t) return;
      if (legacy) {
        t = convertLegacy(t, legacy.encoding, legacy.upperCase);
        this.legacy.set(legacy.encoding, (this.legacy.get(legacy.encoding) ?? 0) + 1);
      }
      out.push(textNode(t, marks));
    };
    for (const c of elements(r)) {
      switch (c.name) {
        case 'w:fldChar': {
          const type = c.attrs['w:fldCharType'];
          // Field codes (between begin and separate) are instructions; the result after separate is shown.
          if (type === 'begin') this.inField = true;
          else if (type === 'separate' || type === 'end') this.inField = false;
          break;
        }
        case 'w:t':
          if (!this.inField) text(textOf(c));
          break;
        case 'w:tab': case 'w:ptab':
          text(' ');
          break;
        case 'w:noBreakHyphen':
          text('-');
          break;
        case 'w:sym': {
          const code = parseInt(c.attrs['w:char'] ?? '', 16);
          if (code >= 0x20 && code < 0xf000) text(String.fromCodePoint(code));
          else this.dropped.add('symbol');
          break;
        }
        case 'w:br': case 'w:cr':
          if (c.attrs['w:type'] !== 'page' && c.attrs['w:type'] !== 'column') out.push({ type: 'hardBreak' });
          break;
        case 'w:drawing': case 'w:pict': case 'w:object': case 'mc:AlternateContent': {
          const kind = JSON.stringify(c).includes('w:txbxContent') ? 'text box' : c.name === 'w:object' ? 'embedded object' : 'image';
          this.dropped.add(kind);
          out.push(textNode(kind === 'text box' ? '[khung văn bản]' : kind === 'image' ? '[hình ảnh]' : '[đối tượng nhúng]'));
          break;
        }
        case 'w:footnoteReference': case 'w:endnoteReference': {
          const id = (c.name === 'w:endnoteReference' ? 'e' : '') + (c.attrs['w:id'] ?? '');
          this.noteOrder.push(id);
          out.push(textNode(`[${this.noteOrder.length}]`, [{ type: 'bold' }]));
          break;
        }
        case 'w:commentReference':
          this.dropped.add('comment');
          break;
      }
    }
    return out;
  }

  private mergeTexts(nodes: PMNode[]): PMNode[] {
    const out: PMNode[] = [];
    for (const n of nodes) {
      const last = out[out.length - 1];
      if (last && n.type === 'text' && last.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(n.marks ?? [])) last.text += n.text!;
      else out.push({ ...n });
    }
    return out;
  }

  private table(tbl: XmlElement): PMNode {
    const rows: PMNode[] = [];
    // Grid column → the cell that currently spans it downwards (vMerge="restart").
    const openMerges = new Map<number, PMNode>();
    for (const tr of elements(tbl, 'w:tr')) {
      const trPr = child(tr, 'w:trPr');
      const header = toggle(trPr, 'w:tblHeader') === true;
      let col = Number(val(trPr, 'w:gridBefore') ?? 0);
      const cells: PMNode[] = [];
      const tcs = elements(tr).flatMap((c) => (c.name === 'w:tc' ? [c] : c.name === 'w:sdt' ? elements(child(c, 'w:sdtContent'), 'w:tc') : []));
      for (const tc of tcs) {
        const tcPr = child(tc, 'w:tcPr');
        const span = Math.max(1, Number(val(tcPr, 'w:gridSpan') ?? 1) || 1);
        const vMerge = child(tcPr, 'w:vMerge');
        const continues = vMerge !== undefined && vMerge.attrs['w:val'] !== 'restart';
        const origin = openMerges.get(col);
        if (continues && origin) {
          origin.attrs!.rowspan = (origin.attrs!.rowspan as number) + 1;
        } else {
          const blocks = this.blocks(tc);
          const cell: PMNode = { type: header ? 'tableHeader' : 'tableCell', attrs: { colspan: span, rowspan: 1, colwidth: null }, content: blocks.length ? blocks : [paragraph()] };
          cells.push(cell);
          if (vMerge) openMerges.set(col, cell);
          else openMerges.delete(col);
        }
        col += span;
      }
      if (cells.length) rows.push({ type: 'tableRow', content: cells });
    }
    return rows.length ? { type: 'table', content: rows } : paragraph();
  }

  /** Footnotes and endnotes as text after the content, in the order they are referenced. */
  notes(): PMNode[] {
    if (!this.noteOrder.length) return [];
    return [
      { type: 'heading', attrs: { level: 3, textAlign: null }, content: [textNode('Chú thích')] },
      ...this.noteOrder.map((id, i) => paragraph([textNode(`[${i + 1}]`, [{ type: 'bold' }]), textNode(` ${this.info.notes.get(id) ?? ''}`.trimEnd() || ' ')])),
    ];
  }
}

export function bodyToProseMirror(body: XmlElement, info: PackageInfo): BodyResult {
  const converter = new BodyConverter(info);
  const blocks = [...converter.blocks(body), ...converter.notes()];
  return { doc: { type: 'doc', content: blocks.length ? blocks : [paragraph()] }, dropped: converter.dropped, legacy: converter.legacy };
}

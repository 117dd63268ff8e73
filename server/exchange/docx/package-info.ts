/**
 * What a DOCX body needs besides itself: styles (heading levels, inherited bold/italic, fonts),
 * numbering (bullet or numbered, start), relationships (hyperlink targets) and footnotes.
 */
import { child, elements, parseXml, toggle, val, type XmlElement } from './xml';

export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  font?: string;
}

export interface StyleInfo {
  name: string;
  basedOn?: string;
  headingLevel?: number;
  run: RunStyle;
}

export interface PackageInfo {
  styles: Map<string, StyleInfo>;
  defaultRun: RunStyle;
  /** numId → ilvl → {ordered, start}. */
  numbering: Map<string, Map<number, { ordered: boolean; start: number }>>;
  /** Relationship id → external target (hyperlinks). */
  links: Map<string, string>;
  /** Footnote / endnote id → its paragraphs' text. */
  notes: Map<string, string>;
}

export function runStyleOf(rPr: XmlElement | undefined): RunStyle {
  const u = val(rPr, 'w:u');
  const fonts = child(rPr, 'w:rFonts');
  return {
    bold: toggle(rPr, 'w:b'),
    italic: toggle(rPr, 'w:i'),
    underline: u === undefined ? undefined : u !== 'none' && u !== '0',
    strike: toggle(rPr, 'w:strike') ?? toggle(rPr, 'w:dstrike'),
    font: fonts?.attrs['w:hAnsi'] ?? fonts?.attrs['w:ascii'] ?? fonts?.attrs['w:cs'],
  };
}

/** Properties set on `over` win; the rest come from `under`. */
export const mergeRun = (under: RunStyle, over: RunStyle): RunStyle => ({
  bold: over.bold ?? under.bold,
  italic: over.italic ?? under.italic,
  underline: over.underline ?? under.underline,
  strike: over.strike ?? under.strike,
  font: over.font ?? under.font,
});

function headingLevelOf(name: string, pPr: XmlElement | undefined): number | undefined {
  const m = /^heading\s*(\d)$/i.exec(name.trim());
  if (m) return Number(m[1]);
  if (/^title$/i.test(name.trim())) return 1;
  const outline = val(pPr, 'w:outlineLvl');
  return outline !== undefined && Number(outline) < 9 ? Number(outline) + 1 : undefined;
}

export function readStyles(xml: XmlElement | undefined): { styles: Map<string, StyleInfo>; defaultRun: RunStyle } {
  const styles = new Map<string, StyleInfo>();
  for (const s of elements(xml, 'w:style')) {
    const id = s.attrs['w:styleId'];
    if (!id) continue;
    const name = val(s, 'w:name') ?? id;
    styles.set(id, { name, basedOn: val(s, 'w:basedOn'), headingLevel: headingLevelOf(name, child(s, 'w:pPr')), run: runStyleOf(child(s, 'w:rPr')) });
  }
  const defaultRun = runStyleOf(child(child(child(xml, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr'));
  return { styles, defaultRun };
}

/** A style with what it inherits folded in (basedOn chains are short; cycles are cut). */
export function resolveStyle(info: PackageInfo, id: string | undefined): { run: RunStyle; headingLevel?: number } {
  let run: RunStyle = {};
  let headingLevel: number | undefined;
  const seen = new Set<string>();
  for (let s = id ? info.styles.get(id) : undefined; s && !seen.has(s.name) && seen.size < 10; s = s.basedOn ? info.styles.get(s.basedOn) : undefined) {
    seen.add(s.name);
    run = mergeRun(s.run, run);
    headingLevel ??= s.headingLevel;
  }
  return { run, headingLevel };
}

export function readNumbering(xml: XmlElement | undefined): PackageInfo['numbering'] {
  const abstract = new Map<string, Map<number, { ordered: boolean; start: number }>>();
  for (const a of elements(xml, 'w:abstractNum')) {
    const levels = new Map<number, { ordered: boolean; start: number }>();
    for (const lvl of elements(a, 'w:lvl')) {
      const fmt = val(lvl, 'w:numFmt') ?? 'decimal';
      levels.set(Number(lvl.attrs['w:ilvl'] ?? 0), { ordered: fmt !== 'bullet' && fmt !== 'none', start: Number(val(lvl, 'w:start') ?? 1) || 1 });
    }
    abstract.set(a.attrs['w:abstractNumId'] ?? '', levels);
  }
  const numbering = new Map<string, Map<number, { ordered: boolean; start: number }>>();
  for (const n of elements(xml, 'w:num')) {
    const levels = abstract.get(val(n, 'w:abstractNumId') ?? '');
    if (levels && n.attrs['w:numId']) numbering.set(n.attrs['w:numId'], levels);
  }
  return numbering;
}

export function readLinks(xml: XmlElement | undefined): Map<string, string> {
  const links = new Map<string, string>();
  for (const r of elements(xml, 'Relationship')) {
    if (r.attrs.TargetMode === 'External' && r.attrs.Id && r.attrs.Target) links.set(r.attrs.Id, r.attrs.Target);
  }
  return links;
}

/** Relationship targets of a part by type suffix (e.g. "/styles"), resolved against `word/`. */
export function relatedParts(xml: XmlElement | undefined, base: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const r of elements(xml, 'Relationship')) {
    if (r.attrs.TargetMode === 'External' || !r.attrs.Type || !r.attrs.Target) continue;
    const type = r.attrs.Type.slice(r.attrs.Type.lastIndexOf('/') + 1);
    const target = r.attrs.Target.startsWith('/') ? r.attrs.Target.slice(1) : base + r.attrs.Target;
    parts.set(type, target);
  }
  return parts;
}

export const parseOptional = (bytes: Uint8Array | undefined) => (bytes ? parseXml(Buffer.from(bytes).toString('utf8')) : undefined);

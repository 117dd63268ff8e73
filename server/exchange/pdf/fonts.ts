/**
 * Tinos (metric-compatible with Times New Roman, Apache 2.0, from @fontsource/tinos) for PDFs.
 * The package ships each face split into unicode-range subsets (latin, latin-ext, vietnamese), so
 * a Vietnamese word needs glyphs from two files: each character is drawn with the subset that has
 * its glyph. pdfkit embeds only the glyphs used (subsetting keeps the ToUnicode map, so text copied
 * or extracted from the PDF is the original Vietnamese).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

export const subsets = ['latin', 'vietnamese', 'latin-ext'] as const;
export type Subset = (typeof subsets)[number];
export type FaceStyle = { bold: boolean; italic: boolean };

const require = createRequire(import.meta.url);
const filesDir = path.join(path.dirname(require.resolve('@fontsource/tinos/package.json')), 'files');

const fileOf = (subset: Subset, { bold, italic }: FaceStyle) => path.join(filesDir, `tinos-${subset}-${bold ? 700 : 400}-${italic ? 'italic' : 'normal'}.woff`);

/** Font name as registered in a pdfkit document. */
export const faceName = (subset: Subset, style: FaceStyle) => `tinos-${subset}-${style.bold ? 'b' : 'r'}${style.italic ? 'i' : ''}`;

let cache: { bytes: Map<string, Buffer>; coverage: fontkit.Font[] } | null = null;

function load() {
  if (cache) return cache;
  const bytes = new Map<string, Buffer>();
  for (const subset of subsets) {
    for (const bold of [false, true]) for (const italic of [false, true]) bytes.set(faceName(subset, { bold, italic }), readFileSync(fileOf(subset, { bold, italic })));
  }
  const coverage = subsets.map((s) => fontkit.create(bytes.get(faceName(s, { bold: false, italic: false }))!) as fontkit.Font);
  cache = { bytes, coverage };
  return cache;
}

/** Register every face with a pdfkit document (parsed lazily by pdfkit, embedded only if used). */
export function registerFonts(doc: PDFKit.PDFDocument) {
  for (const [name, bytes] of load().bytes) doc.registerFont(name, bytes);
}

const subsetCache = new Map<number, Subset>();

/** The subset whose glyphs include this code point (latin when none has it). */
export function subsetFor(codePoint: number): Subset {
  let s = subsetCache.get(codePoint);
  if (s) return s;
  const { coverage } = load();
  const i = coverage.findIndex((f) => f.hasGlyphForCodePoint(codePoint));
  s = subsets[Math.max(0, i)]!;
  subsetCache.set(codePoint, s);
  return s;
}

/** Split text into runs that one subset can draw. */
export function splitBySubset(text: string): { subset: Subset; text: string }[] {
  const out: { subset: Subset; text: string }[] = [];
  for (const ch of text) {
    // Spaces and ASCII join whatever run they follow (every subset has them), so words stay whole.
    const code = ch.codePointAt(0)!;
    const subset = code === 0x20 && out.length ? out[out.length - 1]!.subset : subsetFor(code);
    const last = out[out.length - 1];
    if (last && last.subset === subset) last.text += ch;
    else out.push({ subset, text: ch });
  }
  return out;
}

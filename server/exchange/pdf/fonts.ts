/**
 * Tinos (metric-compatible with Times New Roman, Apache 2.0, from @fontsource/tinos) for PDFs.
 * The package ships each face split into unicode-range subsets (latin, latin-ext, vietnamese), so
 * a Vietnamese word needs glyphs from two files: each character is drawn with the subset that has
 * its glyph. pdfkit embeds only the glyphs used (subsetting keeps the ToUnicode map, so text copied
 * or extracted from the PDF is the original Vietnamese).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
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

/**
 * WOFF 1.0 → plain TrueType (sfnt), once per process: pdfkit then parses raw tables instead of
 * inflating every table in JavaScript for each document (most of a small PDF's time otherwise).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) return woff; // not 'wOFF': already sfnt
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((o) => woff.readUInt32BE(at + o)) as [number, number, number, number, number];
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag, checksum, data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const pow2 = 2 ** Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(pow2 * 16, 6);
  header.writeUInt16BE(Math.log2(pow2), 8);
  header.writeUInt16BE(numTables * 16 - pow2 * 16, 10);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16);
    header.writeUInt32BE(t.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

let cache: { bytes: Map<string, Buffer>; coverage: fontkit.Font[] } | null = null;

function load() {
  if (cache) return cache;
  const bytes = new Map<string, Buffer>();
  for (const subset of subsets) {
    for (const bold of [false, true]) for (const italic of [false, true]) bytes.set(faceName(subset, { bold, italic }), woffToSfnt(readFileSync(fileOf(subset, { bold, italic }))));
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

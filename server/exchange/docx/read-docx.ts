/**
 * A .docx file → ProseMirror JSON (data path: upload bytes → zip-parts (bounded) → xml → package
 * info + body → to-prosemirror). Refuses what is not a WordprocessingML package with a 415.
 */
import type { DroppedItem, PMNode } from '../../../shared/exchange/prosemirror-json';
import type { LegacyEncoding } from '../../../shared/exchange/legacy-encoding';
import { notDocx, openZipParts } from './zip-parts';
import { parseOptional, readLinks, readNumbering, readStyles, relatedParts, type PackageInfo } from './package-info';
import { child, elements, textOf, XmlError, type XmlElement } from './xml';
import { bodyToProseMirror } from './to-prosemirror';

const mainTypes = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
];

export interface ImportedContent {
  doc: PMNode;
  dropped: DroppedItem[];
  legacyEncodings: LegacyEncoding[];
}

function noteTexts(xml: XmlElement | undefined, tag: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const note of elements(xml, tag)) {
    const type = note.attrs['w:type'];
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
    const paragraphs: string[] = [];
    const walk = (el: XmlElement, acc: string[]) => {
      for (const c of elements(el)) {
        if (c.name === 'w:t') acc.push(textOf(c));
        else if (c.name !== 'w:del' && c.name !== 'w:instrText') walk(c, acc);
      }
    };
    for (const p of elements(note, 'w:p')) {
      const acc: string[] = [];
      walk(p, acc);
      if (acc.join('').trim()) paragraphs.push(acc.join('').trim());
    }
    notes.set(note.attrs['w:id'] ?? '', paragraphs.join(' '));
  }
  return notes;
}

export async function readDocx(bytes: Buffer): Promise<ImportedContent> {
  const zip = await openZipParts(bytes);
  try {
    const read = async (name: string) => {
      try {
        return parseOptional(await zip.read(name));
      } catch (err) {
        if (err instanceof XmlError) throw notDocx(`${name} is not well-formed XML (${err.message.slice(0, 120)})`);
        throw err;
      }
    };
    const types = await read('[Content_Types].xml');
    if (!types) throw notDocx('no [Content_Types].xml');
    const main = elements(types, 'Override').find((o) => mainTypes.includes(o.attrs.ContentType ?? ''));
    if (!main?.attrs.PartName) throw notDocx('no Word main document part');
    const mainPath = main.attrs.PartName.replace(/^\/+/, '');
    const base = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
    const docXml = await read(mainPath);
    const body = child(docXml, 'w:body');
    if (!body) throw notDocx('the main document has no body');
    const rels = await read(`${base}_rels/${mainPath.slice(base.length)}.rels`);
    const parts = relatedParts(rels, base);
    const { styles, defaultRun } = readStyles(await read(parts.get('styles') ?? `${base}styles.xml`));
    const notes = new Map([
      ...noteTexts(parts.has('footnotes') ? await read(parts.get('footnotes')!) : undefined, 'w:footnote'),
      ...[...noteTexts(parts.has('endnotes') ? await read(parts.get('endnotes')!) : undefined, 'w:endnote')].map(([id, text]) => [`e${id}`, text] as [string, string]),
    ]);
    const info: PackageInfo = {
      styles,
      defaultRun,
      numbering: readNumbering(parts.has('numbering') ? await read(parts.get('numbering')!) : undefined),
      links: readLinks(rels),
      notes,
    };
    const result = bodyToProseMirror(body, info);
    return { doc: result.doc, dropped: result.dropped.list(), legacyEncodings: [...result.legacy.keys()] };
  } finally {
    zip.close();
  }
}


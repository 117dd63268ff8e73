/** Text and font facts of a PDF, read with pdf.js (the reader Firefox uses), for export tests. */

// pdf.js 6 expects Promise.withResolvers (Node 22+); Node 20 lacks it.
(Promise as unknown as { withResolvers?: unknown }).withResolvers ??= function withResolvers<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

/** All text of the PDF in content-stream order, whitespace collapsed to single spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    text += ' ';
  }
  await task.destroy();
  return text.replace(/\s+/g, ' ').trim();
}

/** Font dictionaries in the file, and how many carry an embedded font program. */
export function fontFacts(bytes: Uint8Array) {
  const raw = Buffer.from(bytes).toString('latin1');
  return {
    descriptors: raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0,
    embedded: raw.match(/\/FontFile[23]? /g)?.length ?? 0,
    standard14: /\/BaseFont \/(Helvetica|Times-Roman|Courier)\b/.test(raw),
  };
}

/** Index of each needle in order; -1 marks one missing or out of order. */
export function positionsInOrder(text: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = text.indexOf(n, from);
    if (at >= 0) from = at + n.length;
    return at;
  });
}

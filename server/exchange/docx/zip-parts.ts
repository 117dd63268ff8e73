/**
 * Reads the XML parts of a DOCX package without trusting it: yauzl walks the central directory,
 * refuses entries whose real size differs from the declared one (validateEntrySizes), and we bound
 * what we inflate (per part, in total, and by compression ratio), so a zip bomb is refused before
 * it costs memory. Only the parts we need are inflated; images and other media are never read.
 */
import yauzl from 'yauzl';
import { AppError } from '../../errors';

/** Largest uncompressed XML part we read (a 50-page document.xml is ~2 MB). */
export const maxPartBytes = 64 * 1024 * 1024;
/** Largest sum of uncompressed parts we read. */
export const maxTotalBytes = 128 * 1024 * 1024;
/** XML compresses ~10:1; above this ratio a part of more than 1 MB is a bomb, not a document. */
const maxRatio = 200;
const maxEntries = 10_000;

export const notDocx = (why: string) => new AppError(415, 'unsupported_file', `This is not a Word (.docx) document: ${why}`);
export const zipBomb = (why: string) => new AppError(422, 'zip_bomb', `This file expands far beyond its size and is refused: ${why}`);

export interface ZipParts {
  /** Names of every entry (media included), for reporting what was left behind. */
  names: string[];
  /** Reads one part's bytes (bounded); undefined when absent. */
  read(name: string): Promise<Uint8Array | undefined>;
  close(): void;
}

export async function openZipParts(bytes: Buffer): Promise<ZipParts> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (err) {
    throw notDocx(`not a valid zip package (${err instanceof Error ? err.message : 'unreadable'})`);
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.size >= maxEntries) return reject(zipBomb(`more than ${maxEntries} entries`));
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', (err: Error) => reject(notDocx(err.message)));
    zip.readEntry();
  });
  let total = 0;
  return {
    names: [...entries.keys()],
    close: () => zip.close(),
    async read(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const size = entry.uncompressedSize;
      if (size > maxPartBytes) throw zipBomb(`${name} would expand to ${size} bytes`);
      if (size > 1024 * 1024 && size / Math.max(1, entry.compressedSize) > maxRatio) throw zipBomb(`${name} is compressed ${Math.round(size / entry.compressedSize)}:1`);
      total += size;
      if (total > maxTotalBytes) throw zipBomb(`the parts read expand to more than ${maxTotalBytes} bytes`);
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let got = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          got += chunk.length;
          // validateEntrySizes stops at the declared size too; this guard does not depend on it.
          if (got > size) throw zipBomb(`${name} expands beyond its declared size`);
          chunks.push(chunk);
        }
      } catch (err) {
        stream.destroy();
        if (err instanceof AppError) throw err;
        throw zipBomb(`${name}: ${err instanceof Error ? err.message : 'unreadable'}`);
      }
      return Buffer.concat(chunks);
    },
  };
}

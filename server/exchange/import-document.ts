/**
 * Importing a file as a new draft (data path: upload → read-docx | read-markdown → check against
 * the shared editor schema → create the draft → one server edit into its Y.Doc). A file that is not
 * what its name claims is a 415, one the converter cannot make valid is a 422; nothing is created.
 */
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import type { SessionUser } from '../http/env';
import { createDocument } from '../documents/create-document';
import { editorSchema } from '../../shared/editor-schema';
import { replaceYDocContent } from '../../shared/records/derive';
import { convertLegacy, detectLegacyEncoding, type LegacyEncoding } from '../../shared/exchange/legacy-encoding';
import { plainText, type DroppedItem, type PMNode } from '../../shared/exchange/prosemirror-json';
import { readDocx } from './docx/read-docx';
import { readMarkdown } from './markdown/read-markdown';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export interface ImportResult {
  documentId: string;
  dropped: DroppedItem[];
  legacyEncodings: LegacyEncoding[];
}

const unsupported = (message: string) => new AppError(415, 'unsupported_file', message);

/** Text of a Markdown file: UTF-8, or else an 8-bit file (Windows-1252, possibly TCVN3/VNI). */
function decodeText(bytes: Buffer): { text: string; legacy: LegacyEncoding | null } {
  if (bytes.includes(0)) throw unsupported('This is not a text (Markdown) file: it contains binary data');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  const legacy = detectLegacyEncoding(text);
  return { text: legacy ? convertLegacy(text, legacy) : text, legacy };
}

/** Parse an uploaded file into schema-valid ProseMirror JSON. */
export async function readUpload(file: UploadedFile): Promise<{ doc: PMNode; dropped: DroppedItem[]; legacyEncodings: LegacyEncoding[] }> {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  let result: { doc: PMNode; dropped: DroppedItem[]; legacyEncodings: LegacyEncoding[] };
  if (ext === 'docx') {
    if (file.bytes.subarray(0, 4).toString('binary') !== 'PK\x03\x04') throw unsupported('This is not a Word (.docx) document: it is not a zip package');
    result = await readDocx(file.bytes);
  } else if (ext === 'md' || ext === 'markdown' || ext === 'txt') {
    const { text, legacy } = decodeText(file.bytes);
    result = { ...readMarkdown(text), legacyEncodings: legacy ? [legacy] : [] };
  } else {
    throw unsupported(`Only Word (.docx) and Markdown (.md) files can be imported, not ${ext ? `.${ext}` : 'this file'}${ext === 'doc' ? ' (save it as .docx first)' : ''}`);
  }
  try {
    ProseMirrorNode.fromJSON(editorSchema, result.doc).check();
  } catch (err) {
    throw new AppError(422, 'unconvertible', `The file could not be converted into a draft: ${err instanceof Error ? err.message : 'invalid structure'}`);
  }
  return result;
}

/** A title for the draft: the one given, else the first heading, else the file name. */
function titleFor(given: string | undefined, doc: PMNode, fileName: string): string {
  const heading = doc.content?.find((n) => n.type === 'heading');
  const fromHeading = heading ? plainText(heading).replace(/\s+/g, ' ').trim() : '';
  const fromName = fileName.replace(/\.[a-z0-9]+$/i, '').trim();
  return (given?.trim() || fromHeading || fromName || 'Imported document').slice(0, 300);
}

export async function importDocument(deps: { db: Database; collab: CollabService }, actor: SessionUser, file: UploadedFile, title?: string): Promise<ImportResult> {
  const { doc, dropped, legacyEncodings } = await readUpload(file);
  const created = await deps.db.transaction((tx) => createDocument(tx, actor, titleFor(title, doc, file.name)));
  await deps.collab.applyServerEdit(created.id, (ydoc) => replaceYDocContent(ydoc, doc as unknown as Record<string, unknown>));
  return { documentId: created.id, dropped, legacyEncodings };
}

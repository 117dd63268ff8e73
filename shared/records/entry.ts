/**
 * The record entry: what one frozen version commits to, format `v: 1`.
 *
 * An entry is a JSON object; its bytes are always its RFC 8785 canonical JSON (UTF-8). Those bytes
 * are (a) the payload of the entry's compact JWS and (b) the input of its Merkle leaf hash.
 * The entry carries hashes, not content: content, HTML, text and Yjs state travel beside it and are
 * checked against these hashes.
 *
 *   v              1
 *   seq            0-based index in the agency's ledger (= Merkle leaf index)
 *   documentId     the draft's id (uuid)
 *   version        1, 2, … per document
 *   label, note    what the person freezing called it (note null when absent)
 *   title          the draft's title at freezing
 *   contentSha256  hex SHA-256 of the canonical JSON of the ProseMirror document
 *   htmlSha256     hex SHA-256 of the UTF-8 rendered HTML
 *   textSha256     hex SHA-256 of the UTF-8 plain text
 *   yjsSha256      hex SHA-256 of the Yjs state bytes (one update, as Y.encodeStateAsUpdate)
 *   frozenBy       {id, name, department: {id, name} | null} at the time of freezing
 *   frozenAt       RFC 3339 UTC with milliseconds, e.g. 2026-11-21T08:00:00.000Z
 *   final          true when this version made the draft read-only for good
 *   threadsSha256  optional (entries frozen since issue 8): hex SHA-256 of the canonical JSON of the
 *                  draft's threads at freezing (shared/comments/snapshot.ts); absent in older entries
 */
import { z } from 'zod';
import { canonicalBytes, canonicalJson } from './canonical';
import { hashHexPattern } from './hash';

export const entryFormatVersion = 1;

const hash = z.string().regex(hashHexPattern, 'lowercase hex SHA-256');
const rfc3339Utc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'RFC 3339 UTC timestamp');

export const recordEntrySchema = z.strictObject({
  v: z.literal(entryFormatVersion),
  seq: z.number().int().min(0),
  documentId: z.string().min(1),
  version: z.number().int().min(1),
  label: z.string(),
  note: z.string().nullable(),
  title: z.string(),
  contentSha256: hash,
  htmlSha256: hash,
  textSha256: hash,
  yjsSha256: hash,
  frozenBy: z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    department: z.strictObject({ id: z.string().min(1), name: z.string() }).nullable(),
  }),
  frozenAt: rfc3339Utc,
  final: z.boolean(),
  threadsSha256: hash.optional(),
});

export type RecordEntry = z.infer<typeof recordEntrySchema>;

/** The entry's canonical JSON text (the JWS payload, as a string). */
export const entryJson = (entry: RecordEntry): string => canonicalJson(entry);
/** The entry's canonical bytes (the JWS payload and the Merkle leaf input). */
export const entryBytes = (entry: RecordEntry): Uint8Array => canonicalBytes(entry);

/** An RFC 3339 UTC timestamp with milliseconds, as entries and tree heads carry. */
export const rfc3339 = (date: Date): string => date.toISOString();

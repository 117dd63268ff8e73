/**
 * Event entries, format `v: 2`: every record that is not a frozen version (a consultation round
 * opened or closed, an issued document, a key certificate, a dossier handover, an audit anchor).
 * Like a version entry, its bytes are its RFC 8785 canonical JSON, signed (compact JWS) and hashed
 * into the Merkle ledger; it commits to a **body** (any JSON object, kind-specific) by hash, and the
 * body travels beside it.
 *
 *   v            2
 *   seq          0-based index in the agency's ledger
 *   kind         what happened, e.g. "round.opened", "document.issued" (see ./kinds)
 *   documentId   the draft it concerns, or null (agency-wide events)
 *   subjectId    the kind's own object id (round, submission, dossier…), or null
 *   title        a human-readable title at recording time
 *   bodySha256   hex SHA-256 of the body's canonical JSON
 *   recordedBy   {id, name, department: {id, name} | null} or null (recorded by the system)
 *   recordedAt   RFC 3339 UTC with milliseconds
 */
import { z } from 'zod';
import { canonicalBytes, canonicalJson } from './canonical';
import { hashHexPattern } from './hash';

export const eventEntryFormatVersion = 2;
export const eventKindPattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

const hash = z.string().regex(hashHexPattern, 'lowercase hex SHA-256');
const rfc3339Utc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'RFC 3339 UTC timestamp');
const person = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  department: z.strictObject({ id: z.string().min(1), name: z.string() }).nullable(),
});

export const eventEntrySchema = z.strictObject({
  v: z.literal(eventEntryFormatVersion),
  seq: z.number().int().min(0),
  kind: z.string().regex(eventKindPattern, 'dotted lowercase kind'),
  documentId: z.string().min(1).nullable(),
  subjectId: z.string().min(1).nullable(),
  title: z.string(),
  bodySha256: hash,
  recordedBy: person.nullable(),
  recordedAt: rfc3339Utc,
});

export type EventEntry = z.infer<typeof eventEntrySchema>;
export type EventBody = Record<string, unknown>;

export const eventEntryJson = (entry: EventEntry): string => canonicalJson(entry);
export const eventEntryBytes = (entry: EventEntry): Uint8Array => canonicalBytes(entry);

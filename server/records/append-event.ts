/**
 * Appending an event entry (v2: a round opened or closed, an issued document, a key certificate,
 * a handover, an audit anchor…) to the same gap-free ledger as frozen versions. Runs inside the
 * caller's transaction, so the event and the rows that caused it commit or roll back together.
 * The body's canonical JSON is stored beside the entry; the entry commits to its SHA-256.
 */
import type { Transaction } from '../db/client';
import { ledgerEntries } from '../db/schema';
import {
  canonicalJson,
  eventEntryBytes,
  eventEntryFormatVersion,
  eventEntryJson,
  eventKindPattern,
  rfc3339,
  sha256Hex,
  signCanonical,
  type EventBody,
  type EventEntry,
  type SignedTreeHead,
} from '../../shared/records';
import type { SigningKey } from './keys';
import { extendTree, lockLedger } from './append';

export interface EventDraft {
  kind: string;
  documentId: string | null;
  subjectId: string | null;
  title: string;
  body: EventBody;
  recordedBy: EventEntry['recordedBy'];
  key: SigningKey;
}

export interface AppendedEvent {
  entry: EventEntry;
  jws: string;
  body: EventBody;
  treeHead: SignedTreeHead;
}

export async function appendEvent(tx: Transaction, draft: EventDraft): Promise<AppendedEvent> {
  if (!eventKindPattern.test(draft.kind)) throw new Error(`invalid event kind ${JSON.stringify(draft.kind)}`);
  const bodyJson = canonicalJson(draft.body); // before the lock: canonicalising may take a while
  const seq = await lockLedger(tx);
  const entry: EventEntry = {
    v: eventEntryFormatVersion,
    seq,
    kind: draft.kind,
    documentId: draft.documentId,
    subjectId: draft.subjectId,
    title: draft.title,
    bodySha256: sha256Hex(bodyJson),
    recordedBy: draft.recordedBy,
    recordedAt: rfc3339(new Date()),
  };
  const jws = await signCanonical(entry, draft.key.privateKey, draft.key.kid);
  await tx.insert(ledgerEntries).values({ seq, kind: entry.kind, documentId: entry.documentId, body: bodyJson, entry: eventEntryJson(entry), jws, kid: draft.key.kid });
  const treeHead = await extendTree(tx, { seq, bytes: eventEntryBytes(entry), timestamp: entry.recordedAt, key: draft.key });
  return { entry, jws, body: JSON.parse(bodyJson) as EventBody, treeHead };
}

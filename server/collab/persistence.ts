/**
 * Durability for rooms: every update a room applies is appended to a per-process buffer and
 * written within PERSIST_FLUSH_MS, all documents together in one statement (a multi-row INSERT
 * and an UPDATE of `last_edited_*`), never one transaction per keystroke. A failed write
 * keeps its updates and retries with backoff (each update is encoded for the wire once, not per
 * retry). The buffer is bounded: past PERSIST_MAX_PENDING_BYTES the store reports `overloaded` and
 * rooms stop accepting edits (clients keep them and resend later) — nothing accepted is dropped.
 * `whenDurable` lets a connection answer a client's "saved?" probe only after its updates are written.
 * Logs that grow past COMPACT_AFTER_UPDATES rows are folded into the snapshot in the background,
 * one document at a time; a row that cannot be read is quarantined, not retried forever.
 */
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import {
  appendUpdates,
  compactOnce,
  existingDocumentIds,
  loadStoredState,
  type DocumentEdit,
  type PendingUpdate,
  type StoredState,
} from './update-log';

/** What a room needs from storage; a different backend only has to implement this. */
export interface DocumentStore {
  /** Snapshot and log tail, after writing anything still buffered for the document. */
  load(documentId: string): Promise<StoredState>;
  /**
   * Buffer an applied update; `editorId` is the user who made it (null: the server). Returns its
   * sequence number in this store, for `whenDurable`.
   */
  append(documentId: string, update: Uint8Array, editorId: string | null): number;
  /** Resolves once every update up to `seq` is written (never rejects; waits through retries). */
  whenDurable(seq: number): Promise<void>;
  isDurable(seq: number): boolean;
  /** The buffer of unwritten updates is past its cap (the database is down): accept no new edits. */
  readonly overloaded: boolean;
  /** Write everything buffered so far. Rejects if the write failed (the updates stay buffered). */
  flush(): Promise<void>;
  /** Fold the document's log into its snapshot: when it is past the threshold, or always with `force`. */
  compact(documentId: string, options?: { force?: boolean }): Promise<void>;
  /** Forget per-document bookkeeping once a document is unloaded. */
  forget(documentId: string): void;
  /** Flush, retrying until it succeeds or `deadlineMs` passes; stop the timers. */
  close(deadlineMs?: number): Promise<void>;
}

export interface StoreOptions {
  flushMs: number;
  compactAfter: number;
  log: Logger;
  /** Rows folded per compaction transaction. */
  compactChunk?: number;
  /** Where to record arrival → durable latency and counters (GET /metrics). */
  metrics?: Metrics;
  /** Past this many unwritten bytes the store is `overloaded` (PERSIST_MAX_PENDING_BYTES). */
  maxPendingBytes?: number;
}

interface Buffered extends PendingUpdate {
  seq: number;
  at: Date;
  by: string | null;
  /** performance.now() when the room applied it: the start of its time to durability. */
  arrivedAt: number;
}

const maxRetryMs = 2_000;

export class UpdateLogStore implements DocumentStore {
  private pending: Buffered[] = [];
  private inFlight: Promise<void> | null = null;
  private inFlightCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private lastSeq = 0;
  private writtenSeq = 0;
  private pendingBytes = 0;
  /** Waiters for durability, in seq order (appends are in seq order, and so are the waits). */
  private durableWaiters: Array<{ seq: number; resolve: () => void }> = [];
  /** Log rows per document as far as this process knows (set on load, grown by flushes). */
  private readonly logRows = new Map<string, number>();
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly forced = new Set<string>();
  /** Unloaded while their compaction ran: their bookkeeping is dropped when it ends. */
  private readonly forgotten = new Set<string>();
  private compactions: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: StoreOptions,
  ) {}

  async load(documentId: string): Promise<StoredState> {
    if (this.inFlight || this.pending.some((p) => p.documentId === documentId)) await this.flush();
    const stored = await loadStoredState(this.db, documentId);
    this.logRows.set(documentId, stored.updates.length);
    if (stored.updates.length > this.options.compactAfter) this.compactInBackground(documentId);
    return stored;
  }

  append(documentId: string, update: Uint8Array, editorId: string | null): number {
    const seq = ++this.lastSeq;
    this.pending.push({ seq, documentId, update, at: new Date(), by: editorId, arrivedAt: performance.now() });
    this.pendingBytes += update.byteLength;
    if (!this.timer && !this.closed) this.schedule(this.options.flushMs);
    return seq;
  }

  isDurable(seq: number): boolean {
    return seq <= this.writtenSeq;
  }

  whenDurable(seq: number): Promise<void> {
    if (seq <= this.writtenSeq) return Promise.resolve();
    return new Promise((resolve) => {
      // Nearly always appended at the end: callers wait for their latest update.
      let at = this.durableWaiters.length;
      while (at > 0 && this.durableWaiters[at - 1]!.seq > seq) at--;
      this.durableWaiters.splice(at, 0, { seq, resolve });
    });
  }

  get overloaded(): boolean {
    return this.pendingBytes > (this.options.maxPendingBytes ?? Infinity);
  }

  /** Unwritten bytes (tests and diagnostics). */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Documents with per-document bookkeeping (tests: it must not grow without bound). */
  get trackedDocuments(): number {
    return new Set([...this.logRows.keys(), ...this.forced, ...this.compacting.keys()]).size;
  }

  private markWritten(batch: readonly Buffered[]) {
    let bytes = 0;
    for (const b of batch) {
      bytes += b.update.byteLength;
      if (b.seq > this.writtenSeq) this.writtenSeq = b.seq;
    }
    this.pendingBytes -= bytes;
    let done = 0;
    while (done < this.durableWaiters.length && this.durableWaiters[done]!.seq <= this.writtenSeq) this.durableWaiters[done++]!.resolve();
    if (done) this.durableWaiters.splice(0, done);
  }

  async flush(): Promise<void> {
    // One write at a time; whoever finds the buffer non-empty after the current write writes it.
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlightCount = batch.length;
    this.inFlight = this.write(batch)
      .then(() => {
        this.failures = 0;
        this.markWritten(batch);
      })
      .catch((error: unknown) => {
        this.pending = batch.concat(this.pending); // keep order: the failed batch goes first
        // Whoever asked for this flush, the buffer is retried with backoff until it is written.
        this.failures++;
        if (this.options.metrics) this.options.metrics.counters.persistFailures++;
        const retryMs = Math.min(this.options.flushMs * 2 ** this.failures, maxRetryMs);
        this.options.log.error({ err: error, pending: this.pending.length, retryMs }, 'writing document updates failed; will retry');
        if (!this.closed) {
          if (this.timer) clearTimeout(this.timer);
          this.schedule(retryMs);
        }
        throw error;
      })
      .finally(() => {
        this.inFlight = null;
        this.inFlightCount = 0;
      });
    await this.inFlight;
  }

  compact(documentId: string, options: { force?: boolean } = {}): Promise<void> {
    if (options.force) this.forced.add(documentId);
    const queued = this.compacting.get(documentId);
    if (queued) return queued;
    const chunk = this.options.compactChunk ?? 2_000;
    // One compaction at a time: each loads a whole document, which costs memory and CPU.
    const job = this.compactions
      .then(async () => {
        const force = this.forced.delete(documentId);
        if (!force && (this.logRows.get(documentId) ?? 0) <= this.options.compactAfter) return;
        for (;;) {
          const { folded, quarantined } = await compactOnce(this.db, documentId, chunk);
          if (quarantined.length) {
            // Reported once, and moved out of the log: never retried, never blocking the others.
            this.options.log.error({ documentId, updateIds: quarantined }, 'unreadable stored updates quarantined (document_update_quarantine)');
          }
          this.logRows.set(documentId, Math.max(0, (this.logRows.get(documentId) ?? 0) - folded));
          if (folded < chunk) break;
        }
      })
      .finally(() => {
        this.compacting.delete(documentId);
        this.forced.delete(documentId);
        if (this.forgotten.delete(documentId)) this.logRows.delete(documentId);
      });
    this.compactions = job.catch(() => {});
    this.compacting.set(documentId, job);
    return job;
  }

  forget(documentId: string): void {
    // A compaction in progress forgets it when done (see compact): nothing stays behind.
    if (this.compacting.has(documentId)) this.forgotten.add(documentId);
    else this.logRows.delete(documentId);
  }

  async close(deadlineMs = 10_000): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.flush();
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          this.options.log.error({ err: error, lost: this.pending.length }, 'could not write pending updates before shutdown');
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1_000)));
      }
    }
    await this.compactions;
  }

  /** Updates not written yet, buffered or being written (tests and diagnostics). */
  get pendingCount(): number {
    return this.pending.length + this.inFlightCount;
  }

  private schedule(delayMs: number) {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {}); // logged and rescheduled by flush itself
    }, delayMs);
  }

  private async write(batch: Buffered[]): Promise<void> {
    try {
      await this.writeBatch(batch);
    } catch (error) {
      // A document deleted meanwhile fails the whole batch (foreign key): drop its updates, retry the rest.
      const ids = [...new Set(batch.map((b) => b.documentId))];
      const existing = await existingDocumentIds(this.db, ids).catch(() => null);
      if (!existing || existing.size === ids.length) throw error;
      const kept = batch.filter((b) => existing.has(b.documentId));
      this.options.log.warn({ dropped: batch.length - kept.length }, 'dropped updates of deleted documents');
      await this.writeBatch(kept);
    }
  }

  private async writeBatch(batch: Buffered[]): Promise<void> {
    if (batch.length === 0) return;
    const edits = new Map<string, DocumentEdit>();
    const counts = new Map<string, number>();
    for (const b of batch) {
      const last = edits.get(b.documentId);
      edits.set(b.documentId, { documentId: b.documentId, at: b.at, by: b.by ?? last?.by ?? null });
      counts.set(b.documentId, (counts.get(b.documentId) ?? 0) + 1);
    }
    await appendUpdates(this.db, batch, [...edits.values()]);
    const metrics = this.options.metrics;
    if (metrics) {
      const durableAt = performance.now();
      for (const b of batch) metrics.persistLatencyMs.observe(durableAt - b.arrivedAt);
      metrics.counters.updatesPersisted += batch.length;
    }
    for (const [documentId, n] of counts) {
      const rows = (this.logRows.get(documentId) ?? 0) + n;
      this.logRows.set(documentId, rows);
      if (rows > this.options.compactAfter) this.compactInBackground(documentId);
    }
  }

  private compactInBackground(documentId: string) {
    if (this.closed || this.compacting.has(documentId)) return;
    this.compact(documentId).catch((error: unknown) =>
      this.options.log.error({ err: error, documentId }, 'compaction failed; will retry when the log grows or the document unloads'),
    );
  }
}

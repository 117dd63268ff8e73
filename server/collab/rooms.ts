/**
 * The open documents of this process: loads a room from storage on first use (snapshot + log
 * tail, never the whole history), keeps it while anything holds it, and unloads it ROOM_IDLE_MS
 * after the last hold is released — flushing and compacting its log on the way out.
 */
import type { Logger } from '../logger';
import type { DocumentStore } from './persistence';
import type { RoomRelay } from './relay';
import { Room } from './room';

export interface RoomsDeps {
  store: DocumentStore;
  relay: RoomRelay;
  log: Logger;
  idleMs: number;
}

export class Rooms {
  private readonly open = new Map<string, Room>();

  /** Documents open in memory now. */
  get size(): number {
    return this.open.size;
  }
  private readonly loading = new Map<string, Promise<Room>>();

  constructor(private readonly deps: RoomsDeps) {}

  get(documentId: string): Room | undefined {
    return this.open.get(documentId);
  }

  /** The document's room, loaded if needed. The caller holds it and must `release` it. */
  async acquire(documentId: string): Promise<Room> {
    let room = this.open.get(documentId);
    if (!room) {
      let loading = this.loading.get(documentId);
      if (!loading) {
        loading = this.load(documentId).finally(() => this.loading.delete(documentId));
        this.loading.set(documentId, loading);
      }
      room = await loading;
    }
    room.holds++;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
    return room;
  }

  /** Drop a hold; the last one starts the idle timer (or unloads now, when asked). */
  release(room: Room, options: { unloadNow?: boolean } = {}): Promise<void> {
    room.holds = Math.max(0, room.holds - 1);
    if (room.holds > 0 || this.open.get(room.documentId) !== room) return Promise.resolve();
    if (options.unloadNow) return this.unload(room);
    if (!room.idleTimer) {
      room.idleTimer = setTimeout(() => {
        room.idleTimer = null;
        void this.unload(room);
      }, this.deps.idleMs);
    }
    return Promise.resolve();
  }

  /** Destroy every room without writing (call after the store's final flush). */
  closeAll(): void {
    for (const room of this.open.values()) room.destroy();
    this.open.clear();
  }

  private async load(documentId: string): Promise<Room> {
    const started = performance.now();
    // Join the relay before reading the database, so nothing published meanwhile is missed; then
    // ask the other instances for whatever they accepted but have not written yet.
    const room = new Room(documentId, this.deps.store, this.deps.relay, this.deps.log);
    let stored: Awaited<ReturnType<DocumentStore['load']>>;
    try {
      [stored] = await Promise.all([this.deps.store.load(documentId), this.deps.relay.ready?.(documentId)]);
    } catch (error) {
      room.destroy();
      throw error;
    }
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    const unreadable = room.restore(parts);
    if (unreadable) this.deps.log.error({ documentId, unreadable }, 'stored updates could not be read; skipped');
    room.catchUp();
    this.open.set(documentId, room);
    this.deps.log.debug({ documentId, tail: stored.updates.length, ms: Math.round(performance.now() - started) }, 'document loaded');
    return room;
  }

  private async unload(room: Room): Promise<void> {
    if (room.holds > 0 || this.open.get(room.documentId) !== room) return;
    // Out of the registry first: a client arriving now loads afresh, and the store's load waits
    // for this room's buffered updates to be written before it reads.
    this.open.delete(room.documentId);
    room.destroy();
    try {
      await this.deps.store.flush();
      await this.deps.store.compact(room.documentId, { force: true });
      this.deps.log.debug({ documentId: room.documentId }, 'document unloaded');
    } catch (error) {
      // The updates stay buffered and the store retries; compaction happens on a later unload.
      this.deps.log.error({ err: error, documentId: room.documentId }, 'flushing or compacting an unloaded document failed');
    } finally {
      if (!this.open.has(room.documentId)) this.deps.store.forget(room.documentId);
    }
  }
}

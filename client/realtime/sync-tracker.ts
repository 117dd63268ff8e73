/**
 * Counts local edits the server has not confirmed yet.
 *
 * The y-websocket protocol has no acknowledgement, but a server handles one connection's messages
 * in order and answers every sync step 1 with a sync step 2. A step 1 sent after some updates is
 * therefore a probe: when its step 2 comes back, the server has received everything sent before
 * it. Probes are answered in order, so a FIFO of "edits covered" marks tells what is confirmed.
 *
 * What a probe covers depends on where the connection stands:
 * - Edits made while disconnected are not sent as updates; they reach the server in our sync
 *   step 2 reply to the server's step 1 after (re)connecting. Until that reply has gone out, a
 *   probe (like the provider's own step 1 on connect) covers nothing new.
 * - After that reply, every edit is sent as it happens, so a probe covers every edit so far.
 * A closed connection loses its unanswered probes. The unconfirmed count is persisted (the edits
 * themselves live in IndexedDB), so a reload, even offline, still knows what is pending.
 */

/** Where the unconfirmed count survives a reload (localStorage in the browser). */
export interface PendingStore {
  load(): number;
  save(unconfirmed: number): void;
}

export class SyncTracker {
  #edits: number;
  #confirmed = 0;
  #probes: number[] = [];
  #covering = false;
  #listeners = new Set<(unconfirmed: number) => void>();

  constructor(private readonly store?: PendingStore) {
    this.#edits = Math.max(0, store?.load() ?? 0);
  }

  /** Local edits not yet confirmed by the server. */
  get unconfirmed() {
    return this.#edits - this.#confirmed;
  }

  /** Whether a probe sent now would cover every local edit. */
  get covering() {
    return this.#covering;
  }

  /** Probes sent and not answered yet. */
  get outstanding() {
    return this.#probes.length;
  }

  subscribe(listener: (unconfirmed: number) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forget every edit (their content was discarded): nothing is pending any more. */
  reset() {
    this.#edits = 0;
    this.#confirmed = 0;
    this.#probes = [];
    this.#changed();
  }

  /** A local transaction changed the document (typing, formatting, undo…). */
  localEdit() {
    this.#edits++;
    this.#changed();
  }

  /** The socket opened: nothing sent before on any socket is in flight any more. */
  connected() {
    this.#probes = [];
    this.#covering = false;
  }

  /** The socket closed: its probes will never be answered. */
  disconnected() {
    this.#probes = [];
    this.#covering = false;
  }

  /** We answered the server's sync step 1 with everything it lacks (offline edits included). */
  sentFullState() {
    this.#covering = true;
  }

  /** A sync step 1 went out on the socket, after everything sent so far. */
  probeSent() {
    this.#probes.push(this.#covering ? this.#edits : this.#confirmed);
  }

  /** A sync step 2 came back from the server: the oldest probe is answered. */
  answerReceived() {
    const mark = this.#probes.shift();
    if (mark === undefined || mark <= this.#confirmed) return;
    this.#confirmed = mark;
    this.#changed();
  }

  #changed() {
    const unconfirmed = this.unconfirmed;
    this.store?.save(unconfirmed);
    for (const listener of this.#listeners) listener(unconfirmed);
  }
}

/** A PendingStore in Web Storage under `key` (tolerates storage being unavailable). */
export function storagePendingStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, key: string): PendingStore {
  return {
    load: () => {
      try {
        const value = Number.parseInt(storage.getItem(key) ?? '0', 10);
        return Number.isFinite(value) ? value : 0;
      } catch {
        return 0;
      }
    },
    save: (unconfirmed) => {
      try {
        if (unconfirmed > 0) storage.setItem(key, String(unconfirmed));
        else storage.removeItem(key);
      } catch {
        // Storage full or disabled: the count is only lost across reloads.
      }
    },
  };
}

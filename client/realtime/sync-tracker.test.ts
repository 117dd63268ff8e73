import { describe, expect, it } from 'vitest';
import { SyncTracker, storagePendingStore, type PendingStore } from './sync-tracker';

const memoryStore = (initial = 0): PendingStore & { value: number } => {
  const store = { value: initial, load: () => store.value, save: (n: number) => void (store.value = n) };
  return store;
};

/** A connection that has finished its handshake: provider's step 1 answered, full state sent. */
function connect(tracker: SyncTracker) {
  tracker.connected();
  tracker.probeSent(); // the provider's own sync step 1 on open
  tracker.sentFullState(); // our step 2 reply to the server's step 1
  tracker.probeSent(); // the probe we send right after that reply
}

describe('SyncTracker', () => {
  it('counts edits until a probe sent after them is answered', () => {
    const tracker = new SyncTracker();
    connect(tracker);
    tracker.answerReceived();
    tracker.answerReceived();
    tracker.localEdit();
    tracker.localEdit();
    expect(tracker.unconfirmed).toBe(2);
    tracker.probeSent();
    tracker.localEdit();
    expect(tracker.unconfirmed).toBe(3);
    tracker.answerReceived(); // confirms the two edits sent before the probe, not the third
    expect(tracker.unconfirmed).toBe(1);
    tracker.probeSent();
    tracker.answerReceived();
    expect(tracker.unconfirmed).toBe(0);
  });

  it('does not take the answer to the connect handshake as a confirmation of offline edits', () => {
    const tracker = new SyncTracker();
    tracker.localEdit(); // typed while offline
    tracker.localEdit();
    tracker.connected();
    tracker.probeSent(); // provider's step 1: sent before our offline edits went out
    tracker.answerReceived(); // server's step 2 to it
    expect(tracker.unconfirmed).toBe(2);
    tracker.sentFullState();
    tracker.probeSent();
    tracker.answerReceived();
    expect(tracker.unconfirmed).toBe(0);
  });

  it('forgets unanswered probes when the connection drops', () => {
    const tracker = new SyncTracker();
    connect(tracker);
    tracker.answerReceived();
    tracker.answerReceived();
    tracker.localEdit();
    tracker.probeSent();
    tracker.disconnected(); // the probe's answer will never come
    expect(tracker.outstanding).toBe(0);
    tracker.answerReceived(); // a stray answer must not confirm anything
    expect(tracker.unconfirmed).toBe(1);
    tracker.connected();
    tracker.probeSent();
    tracker.answerReceived();
    expect(tracker.unconfirmed).toBe(1); // handshake answer: not yet
    tracker.sentFullState();
    tracker.probeSent();
    tracker.answerReceived();
    expect(tracker.unconfirmed).toBe(0);
  });

  it('never lets an earlier probe lower what is confirmed', () => {
    const tracker = new SyncTracker();
    connect(tracker);
    tracker.answerReceived();
    tracker.answerReceived();
    tracker.localEdit();
    tracker.probeSent();
    tracker.answerReceived();
    tracker.localEdit();
    tracker.connected();
    tracker.probeSent(); // not covering: mark = confirmed
    tracker.answerReceived();
    expect(tracker.unconfirmed).toBe(1);
  });

  it('keeps the count across reloads through its store, and notifies listeners', () => {
    const store = memoryStore();
    const first = new SyncTracker(store);
    const seen: number[] = [];
    first.subscribe((n) => seen.push(n));
    first.localEdit();
    first.localEdit();
    first.localEdit();
    expect(store.value).toBe(3);
    expect(seen).toEqual([1, 2, 3]);

    const reloaded = new SyncTracker(store); // same page, reloaded while offline
    expect(reloaded.unconfirmed).toBe(3);
    reloaded.localEdit();
    connect(reloaded);
    reloaded.answerReceived();
    expect(reloaded.unconfirmed).toBe(4);
    reloaded.answerReceived();
    expect(reloaded.unconfirmed).toBe(0);
    expect(store.value).toBe(0);
  });
});

describe('storagePendingStore', () => {
  it('stores positive counts and removes the key at zero', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const store = storagePendingStore(storage, 'k');
    expect(store.load()).toBe(0);
    store.save(4);
    expect(map.get('k')).toBe('4');
    expect(store.load()).toBe(4);
    store.save(0);
    expect(map.has('k')).toBe(false);
  });
});

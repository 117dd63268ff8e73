import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { presenceColor, presencePalette } from '../../shared/presence-color';
import { AwarenessGuard, presenceUser, type PresenceUser } from './awareness-guard';
import { CloseCode, ProtocolError } from './protocol';

const alice: PresenceUser = presenceUser({ id: 'u-alice', name: 'Alice', departments: [{ id: 'd-fin', name: 'Finance' }] });
const bob: PresenceUser = presenceUser({ id: 'u-bob', name: 'Bob', departments: [] });

/** An awareness update with raw entries (clientID, clock, JSON text). */
const update = (...entries: [number, number, string][]) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
};

const entries = (bytes: Uint8Array | null) => {
  if (!bytes) return [];
  const decoder = decoding.createDecoder(bytes);
  const out: { id: number; clock: number; state: any }[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    out.push({ id: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return out;
};

const expectProtocolError = (fn: () => unknown, reason: RegExp) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(CloseCode.malformed);
    expect((error as ProtocolError).reason).toMatch(reason);
    return;
  }
  throw new Error('expected a ProtocolError');
};

describe('awareness guard', () => {
  it('replaces the user field with the server identity and keeps the rest of the state', () => {
    const guard = new AwarenessGuard(1);
    const peer = {};
    const out = guard.rewrite(update([10, 3, JSON.stringify({ cursor: { anchor: 4 }, user: { id: 'u-bob', name: 'Bob' } })]), peer, alice);
    expect(entries(out)).toEqual([{ id: 10, clock: 3, state: { cursor: { anchor: 4 }, user: alice } }]);
  });

  it('works on what a real y-protocols Awareness encodes', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name: 'Eve', color: '#000000' }, selection: null });
    const out = new AwarenessGuard(1).rewrite(encodeAwarenessUpdate(awareness, [doc.clientID]), {}, bob);
    expect(entries(out)[0]!.state).toEqual({ user: bob, selection: null });
    awareness.destroy();
  });

  it('lets a connection speak only for client IDs it introduced first', () => {
    const guard = new AwarenessGuard(1);
    const first = {};
    const second = {};
    expect(entries(guard.rewrite(update([10, 1, '{}']), first, alice))).toHaveLength(1);
    // Another connection can neither update nor remove client 10, but may claim its own.
    expect(guard.rewrite(update([10, 2, '{"x":1}']), second, bob)).toBeNull();
    expect(guard.rewrite(update([10, 2, 'null']), second, bob)).toBeNull();
    expect(entries(guard.rewrite(update([10, 5, '{"x":1}'], [11, 1, '{}']), second, bob)).map((e) => e.id)).toEqual([11]);
    expect(guard.ownerOf(10)).toBe(first);
    // The owner may remove its own state.
    expect(entries(guard.rewrite(update([10, 2, 'null']), first, alice))).toEqual([{ id: 10, clock: 2, state: null }]);
    // After the owner leaves its IDs are free again, and reported for removal.
    expect(guard.release(first)).toEqual([10]);
    expect(entries(guard.rewrite(update([10, 9, '{}']), second, bob))).toHaveLength(1);
  });

  it("refuses the room's own client ID and caps how many IDs one connection may claim", () => {
    const guard = new AwarenessGuard(42, 2);
    const peer = {};
    expect(guard.rewrite(update([42, 1, '{}']), peer, alice)).toBeNull();
    const out = guard.rewrite(update([1, 1, '{}'], [2, 1, '{}'], [3, 1, '{}']), peer, alice);
    expect(entries(out).map((e) => e.id)).toEqual([1, 2]);
  });

  it('rejects malformed updates and states that are not JSON objects', () => {
    const guard = new AwarenessGuard(1);
    const good = update([10, 1, '{}']);
    expectProtocolError(() => guard.rewrite(good.subarray(0, good.length - 1), {}, alice), /malformed/);
    expectProtocolError(() => guard.rewrite(Uint8Array.from([...good, 7]), {}, alice), /malformed/);
    expectProtocolError(() => guard.rewrite(update([10, 1, '{"user":']), {}, alice), /not JSON/);
    expectProtocolError(() => guard.rewrite(update([10, 1, '[1,2]']), {}, alice), /object or null/);
    expectProtocolError(() => guard.rewrite(update([10, 1, '"hi"']), {}, alice), /object or null/);
  });
});

describe('presence identity', () => {
  it('takes the first department and its colour (#rrggbb, shared with the client)', () => {
    expect(alice).toEqual({ id: 'u-alice', name: 'Alice', departmentId: 'd-fin', departmentName: 'Finance', color: presenceColor('d-fin') });
    expect(bob.departmentId).toBeNull();
    expect(presenceColor('d-fin')).toMatch(/^#[0-9a-f]{6}$/);
    expect(presenceColor('d-fin')).toBe(presenceColor('d-fin'));
    // Departments spread over the whole colour-blind-safe palette, and nothing outside it.
    const colours = new Set(Array.from({ length: 50 }, (_, i) => presenceColor(`department-${i}`)));
    expect([...colours].sort()).toEqual([...presencePalette].sort());
  });
});

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CloseCode,
  ProtocolError,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  readMessage,
  validateUpdate,
} from './protocol';

/** A message written the way y-websocket writes it (lib0 encoder + y-protocols). */
const lib0Message = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

const docWithText = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
};

const rejects = (frame: Uint8Array, code: number) => {
  try {
    readMessage(frame);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(code);
    return;
  }
  throw new Error(`accepted ${Buffer.from(frame).toString('hex')}`);
};

describe('protocol: reading client messages', () => {
  const doc = docWithText('hello');

  it('reads what y-websocket clients send', () => {
    const step1 = lib0Message((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(readMessage(step1)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });

    const step2 = lib0Message((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(readMessage(step2)).toEqual({ type: 'sync-step2', update: Y.encodeStateAsUpdate(doc) });

    const update = Y.encodeStateAsUpdate(docWithText('x'));
    const updateMessage = lib0Message((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    expect(readMessage(updateMessage)).toEqual({ type: 'sync-update', update });

    expect(readMessage(Uint8Array.of(3))).toEqual({ type: 'query-awareness' });
    expect(readMessage(Uint8Array.of(1, 2, 0, 0))).toEqual({ type: 'awareness', update: Uint8Array.of(0, 0) });
  });

  it('rejects empty, truncated and trailing-garbage frames as malformed (4400)', () => {
    const update = encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
    rejects(new Uint8Array(), CloseCode.malformed);
    rejects(Uint8Array.of(0), CloseCode.malformed);
    rejects(update.subarray(0, update.length - 1), CloseCode.malformed);
    rejects(Uint8Array.from([...update, 0]), CloseCode.malformed);
    rejects(Uint8Array.of(0, 0, 5, 1), CloseCode.malformed); // state vector longer than the frame
    rejects(Uint8Array.of(3, 0), CloseCode.malformed);
    rejects(Uint8Array.of(0xff, 0xff), CloseCode.malformed); // unfinished varUint
  });

  it('rejects unknown message and sync types, and auth from clients, as unsupported (4415)', () => {
    rejects(Uint8Array.of(2, 0), CloseCode.unsupported);
    rejects(Uint8Array.of(7), CloseCode.unsupported);
    rejects(Uint8Array.of(0, 9, 0), CloseCode.unsupported);
  });

  it('validates Yjs updates fully before anything applies them', () => {
    const update = Y.encodeStateAsUpdate(doc);
    expect(() => validateUpdate(update)).not.toThrow();
    expect(() => validateUpdate(update.subarray(0, update.length - 2))).toThrow(ProtocolError);
    expect(() => validateUpdate(Uint8Array.of(1, 1, 200, 1, 0, 4))).toThrow(ProtocolError);
  });

  it('never fails with anything but a ProtocolError on random or damaged input', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000);
    const valid = [encodeSyncUpdate(Y.encodeStateAsUpdate(doc)), encodeSyncStep1(Y.encodeStateVector(doc)), Uint8Array.of(3)];
    for (let i = 0; i < 20_000; i++) {
      let frame: Uint8Array;
      if (i % 2) frame = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      else {
        frame = valid[i % 3]!.slice();
        frame[Math.floor(random() * frame.length)] = Math.floor(random() * 256);
      }
      try {
        const message = readMessage(frame);
        if (message.type === 'sync-step2' || message.type === 'sync-update') {
          try {
            validateUpdate(message.update);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        }
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }
  });
});

describe('protocol: writing server messages', () => {
  it('writes byte for byte what y-protocols and lib0 write', () => {
    const doc = docWithText('x'.repeat(300)); // a payload whose length needs a two-byte varUint
    const update = Y.encodeStateAsUpdate(doc);
    const sv = Y.encodeStateVector(doc);
    const expectFrame = (actual: Uint8Array, write: (e: encoding.Encoder) => void) => expect(Buffer.from(actual)).toEqual(Buffer.from(lib0Message(write)));
    expectFrame(encodeSyncStep1(sv), (e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expectFrame(encodeSyncStep2(update), (e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expectFrame(encodeSyncUpdate(update), (e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    const big = new Uint8Array(70_000).fill(9); // three-byte length
    expectFrame(encodeAwareness(big), (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, big);
    });
    expect(readMessage(encodeSyncUpdate(update))).toEqual({ type: 'sync-update', update });
  });
});

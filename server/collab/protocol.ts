/**
 * The y-websocket wire protocol as this server speaks it: message constants, one strict
 * `readMessage` for what clients send, and writers for what the server sends.
 *
 * Handshake (both sides speak first; order between them does not matter):
 *   client → server  sync step 1 (client's state vector)    server → client  sync step 2 (what it lacks)
 *   server → client  sync step 1 (server's state vector)    client → server  sync step 2 (what we lack)
 *   server → client  awareness (every known presence state)
 * Afterwards both sides send sync updates and awareness updates as they happen. The second half
 * is what makes a crash survivable: the server asks every reconnecting client for what it missed.
 *
 * Byte layout of one binary frame (varUint = lib0 variable-length unsigned integer,
 * varBytes = varUint length followed by that many bytes):
 *   varUint messageType
 *     0 sync:      varUint syncType (0 step 1 | 1 step 2 | 2 update), varBytes payload
 *                  (step 1: an encoded state vector; step 2 and update: a Yjs update, v1 encoding)
 *     1 awareness: varBytes awareness update
 *                  (varUint count, then per entry: varUint clientID, varUint clock, varString JSON state)
 *     3 query awareness: no payload (the server answers with every known presence state)
 * Type 2 (auth) only travels server → client in y-websocket and is not accepted from clients,
 * nor is type 40 (threads changed, no payload: comments live in Postgres and are fetched over REST).
 *
 * Unlike y-protocols' own readers we reject rather than log and carry on: a frame that is
 * truncated, has trailing bytes, carries an unknown type or an update that does not decode
 * raises a ProtocolError, and the connection is closed with its code and reason.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;
/**
 * Server → client only, no payload: the draft's comment threads changed (issue 8); the client
 * refetches them over REST. y-websocket clients without a handler for it log and ignore it.
 */
export const messageThreadsChanged = 40;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/**
 * Close codes. y-websocket clients treat 4400–4499 as final (they stop reconnecting), every other
 * code as transient. Bad input and lost access are final; shutdown and overload are not.
 */
export const CloseCode = {
  goingAway: 1001,
  tooLarge: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  malformed: 4400,
  sessionEnded: 4401,
  accessRevoked: 4403,
  documentGone: 4404,
  /** What the client sends is larger than WS_MAX_SYNC_BYTES: retrying cannot help. */
  tooLargeEver: 4413,
  unsupported: 4415,
} as const;

/** Bad input from a client: the connection is closed with `code` and `reason`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

const malformed = (what: string) => new ProtocolError(CloseCode.malformed, `malformed ${what} message`);

/** Read varBytes and require that nothing follows them. */
function readLastBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decoding.readVarUint8Array(decoder);
  } catch {
    throw malformed(what);
  }
  if (decoding.hasContent(decoder)) throw malformed(what);
  return bytes;
}

/** Decode one client frame; throws ProtocolError for anything but a well-formed message. */
export function readMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    throw malformed('empty');
  }
  switch (type) {
    case messageSync: {
      let syncType: number;
      try {
        syncType = decoding.readVarUint(decoder);
      } catch {
        throw malformed('sync');
      }
      if (syncType === syncStep1) {
        const stateVector = readLastBytes(decoder, 'sync step 1');
        validateStateVector(stateVector);
        return { type: 'sync-step1', stateVector };
      }
      if (syncType === syncStep2) return { type: 'sync-step2', update: readLastBytes(decoder, 'sync step 2') };
      if (syncType === syncUpdate) return { type: 'sync-update', update: readLastBytes(decoder, 'sync update') };
      throw new ProtocolError(CloseCode.unsupported, `unknown sync message type ${syncType}`);
    }
    case messageAwareness:
      return { type: 'awareness', update: readLastBytes(decoder, 'awareness') };
    case messageQueryAwareness:
      if (decoding.hasContent(decoder)) throw malformed('query awareness');
      return { type: 'query-awareness' };
    default:
      throw new ProtocolError(CloseCode.unsupported, `unknown message type ${type}`);
  }
}

function validateStateVector(stateVector: Uint8Array) {
  try {
    Y.decodeStateVector(stateVector);
  } catch {
    throw malformed('sync step 1');
  }
}

/**
 * Fully decode a Yjs update (every struct and the delete set) without applying it, so a
 * truncated or garbled update is refused before it can touch the document.
 */
export function validateUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new ProtocolError(CloseCode.malformed, 'malformed Yjs update');
  }
}

const varUintLength = (n: number) => {
  let length = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
};

/**
 * `[messageType, subType?, varBytes payload]` as one Buffer, written without an intermediate
 * encoder: this runs once per update and its bytes go to every peer.
 */
function frame(prefix: readonly number[], payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(prefix.length + varUintLength(payload.length) + payload.length);
  let at = 0;
  for (const byte of prefix) out[at++] = byte;
  let n = payload.length;
  while (n > 0x7f) {
    out[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  out.set(payload, at);
  return out;
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => frame([messageSync, syncStep1], stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => frame([messageSync, syncStep2], update);
export const encodeSyncUpdate = (update: Uint8Array) => frame([messageSync, syncUpdate], update);
export const encodeAwareness = (awarenessUpdate: Uint8Array) => frame([messageAwareness], awarenessUpdate);


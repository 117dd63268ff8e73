/**
 * Real collaboration clients for tests: y-websocket `WebsocketProvider`s in Node over `ws`,
 * carrying a user's session cookie (and optionally an Origin), plus raw handshakes whose HTTP
 * refusal can be inspected, and small helpers to write and read the `default` XmlFragment.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { eventuallyMs, pollIntervalMs } from '../support/timeouts';

export const collabUrl = (serverUrl: string) => `${serverUrl.replace(/^http/, 'ws')}/collab`;

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the server's sync step 2 arrived (the provider is in sync). */
  synced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** A WebSocket class that sends these headers with every handshake (what a browser adds itself). */
export const socketWithHeaders = (headers: Record<string, string>) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };

export function connectClient(serverUrl: string, documentId: string, headers: Record<string, string>, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(collabUrl(serverUrl), documentId, doc, {
    WebSocketPolyfill: socketWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
    // Node has a global BroadcastChannel: without this, clients in one process would sync
    // with each other directly and hide what the server does.
    disableBc: true,
    maxBackoffTime: 300,
  });
  return {
    doc,
    provider,
    synced: (timeoutMs = eventuallyMs) =>
      provider.synced
        ? Promise.resolve()
        : withTimeout(new Promise<void>((resolve) => provider.once('sync', (s: boolean) => s && resolve())), timeoutMs, 'sync'),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Append a paragraph holding `text` to the document's `default` fragment. */
export function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment('default');
  fragment.insert(fragment.length, [paragraph]);
}

/** The texts of the fragment's paragraphs, in order. */
export const paragraphs = (doc: Y.Doc): string[] =>
  doc
    .getXmlFragment('default')
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => t.toString()).join('') : ''));

/** The paragraphs of a stored or encoded state. */
export function paragraphsOf(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const texts = paragraphs(doc);
  doc.destroy();
  return texts;
}

export interface HandshakeResult {
  status: number;
  body: string;
  /** The opened socket when the server accepted (close it yourself). */
  socket?: WebSocket;
}

/** Try a raw websocket handshake; resolves with the HTTP status of a refusal, or 101 and the socket. */
export function handshake(url: string, headers: Record<string, string> = {}): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ status: 101, body: '', socket }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Open a raw socket (accepted handshake) and collect what the server sends and how it closes. */
export async function rawSocket(url: string, headers: Record<string, string>) {
  const { status, socket } = await handshake(url, headers);
  if (status !== 101 || !socket) throw new Error(`handshake refused with ${status}`);
  const received: Buffer[] = [];
  socket.on('message', (data: Buffer) => received.push(data));
  socket.on('error', () => {}); // a server close mid-send is expected in fuzzing
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, received, closed };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what} (${ms} ms)`)), ms))),
  ]);
}

/** Poll until `check` returns true (or throw after `timeoutMs`; see test/support/timeouts.ts). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = eventuallyMs, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await new Promise((r) => setTimeout(r, pollIntervalMs));
  }
}

/**
 * Resolves once the server has handled everything this client sent so far: it answers a sync
 * step 1 sent now, and a connection's frames are handled in order.
 */
export function roundTrip(client: TestClient, timeoutMs = eventuallyMs): Promise<void> {
  const ws = client.provider.ws as unknown as WebSocket | null;
  if (!ws) return Promise.reject(new Error('client is not connected'));
  return withTimeout(
    new Promise<void>((resolve) => {
      // The provider set binaryType 'arraybuffer'.
      const onMessage = (data: ArrayBuffer) => {
        const bytes = new Uint8Array(data);
        if (bytes[0] === 0 && bytes[1] === 1) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(Buffer.from([0, 0, 1, 0])); // sync, step 1, one byte: an empty state vector
    }),
    timeoutMs,
    'a round trip to the server',
  );
}

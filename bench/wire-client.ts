/**
 * A load-generating client that speaks the y-websocket protocol on the wire without keeping the
 * shared document: it answers the server's sync step 1, sends its own edits as valid Yjs updates
 * (built on a private Y.Doc holding only its own paragraph), and times the edits of others by a
 * marker embedded in each edit's text, so receiving costs a byte search, not a Yjs merge.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

const messageSync = 0;
const markerOpen = Buffer.from('@@');
const markerClose = 0x23; // '#'

export interface WireClientOptions {
  url: string;
  cookie: string;
  /** Called for every marker seen in a frame from the server. */
  onMarker(marker: string, receivedAt: number): void;
  /** A reader only: contributes nothing, so its joining does not change the document. */
  passive?: boolean;
}

export class WireClient {
  readonly local = new Y.Doc();
  private readonly text: Y.XmlText;
  private socket!: WebSocket;
  private pendingUpdate: Uint8Array | null = null;
  synced = false;
  private syncedResolve!: () => void;
  readonly whenSynced = new Promise<void>((resolve) => (this.syncedResolve = resolve));

  constructor(private readonly options: WireClientOptions) {
    const paragraph = new Y.XmlElement('paragraph');
    this.text = new Y.XmlText();
    paragraph.insert(0, [this.text]);
    this.local.on('update', (update: Uint8Array) => (this.pendingUpdate = update));
    if (!options.passive) this.local.getXmlFragment('default').insert(0, [paragraph]);
    this.pendingUpdate = null; // the paragraph goes out with the first edit, merged below
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = new WebSocket(this.options.url, { headers: { cookie: this.options.cookie }, perMessageDeflate: false });
      this.socket.binaryType = 'nodebuffer';
      this.socket.once('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeSyncStep1(encoder, new Y.Doc()); // ask for everything: empty state vector
        this.socket.send(encoding.toUint8Array(encoder));
        resolve();
      });
      this.socket.once('error', reject);
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
      this.socket.on('message', (data: Buffer) => this.receive(data));
    });
  }

  private receive(data: Buffer) {
    const receivedAt = performance.now();
    let at = data.indexOf(markerOpen);
    while (at !== -1) {
      const end = data.indexOf(markerClose, at + 2);
      if (end === -1) break;
      this.options.onMarker(data.toString('latin1', at + 2, end), receivedAt);
      at = data.indexOf(markerOpen, end);
    }
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== messageSync) return;
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.local, stateVector));
      this.socket.send(encoding.toUint8Array(encoder));
    } else if (type === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      this.syncedResolve();
    }
  }

  /** Append `@@marker#` to this client's paragraph and send the resulting update. */
  edit(marker: string) {
    const first = this.text.length === 0;
    this.text.insert(this.text.length, `@@${marker}#`);
    let update = this.pendingUpdate!;
    // The very first edit must also carry the paragraph that holds the text.
    if (first) update = Y.encodeStateAsUpdate(this.local);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeUpdate(encoder, update);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  close() {
    this.socket?.close();
  }
}

/**
 * The reference for `npm run bench`: the y-websocket server (`@y/websocket-server@0.1.1`, the
 * release matching yjs 13) as its authors ship it, documents in memory, no persistence, no
 * authentication. Run as its own process (like Codraft's) so CPU and memory are measured apart:
 *   PORT=… BIG_DOCUMENT=<id> BIG_EDITS=100000 node --import tsx bench/reference-server.ts
 * Serves `/collab/<document>` so the same load clients can target both servers.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { buildEditedState } from './edited-state';

const port = Number(process.env.PORT ?? 0);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => setupWSConnection(conn, req, { docName: (req.url ?? '').replace(/^\/collab\//, '') }));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));

// The same 100k-edit document Codraft holds in its database, held here in memory.
if (process.env.BIG_DOCUMENT) Y.applyUpdate(getYDoc(process.env.BIG_DOCUMENT), buildEditedState(Number(process.env.BIG_EDITS ?? 100_000)));

server.listen(port, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`reference listening ${address.port}`);
});
process.once('SIGTERM', () => process.exit(0));

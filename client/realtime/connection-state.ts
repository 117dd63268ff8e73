/** The one connection state people see, derived from the browser and the websocket provider. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';
export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionFacts {
  /** `navigator.onLine`: false means certainly offline. */
  online: boolean;
  socket: SocketStatus;
  /** The provider finished the sync handshake on the current socket. */
  synced: boolean;
  /** Some socket of this session has synced before (so a drop is a *re*-connection). */
  everSynced: boolean;
}

export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (!facts.online) return 'offline';
  if (facts.socket === 'connected' && facts.synced) return 'connected';
  return facts.everSynced ? 'reconnecting' : 'connecting';
}

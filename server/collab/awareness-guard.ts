/**
 * Presence (awareness) as the server vouches for it. Clients choose their cursor, selection and
 * other presence fields, but the `user` field of every state they send is replaced by the
 * authenticated user's identity, and a connection may only speak for the awareness client IDs it
 * introduced itself (first come), so nobody can appear as, move or remove someone else.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { presenceColor } from '../../shared/presence-color';
import { CloseCode, ProtocolError } from './protocol';

/** What every client sees in `state.user` of a presence state (set by the server, never by the client). */
export interface PresenceUser {
  id: string;
  name: string;
  /** The user's first department (by name), or null when they belong to none. */
  departmentId: string | null;
  departmentName: string | null;
  /** `#rrggbb` from shared/presence-color.ts over the department id, so colleagues share a colour. */
  color: string;
}

export function presenceUser(user: { id: string; name: string; departments: readonly { id: string; name: string }[] }): PresenceUser {
  const department = user.departments[0] ?? null;
  return {
    id: user.id,
    name: user.name,
    departmentId: department?.id ?? null,
    departmentName: department?.name ?? null,
    color: presenceColor(department?.id ?? user.id),
  };
}

const malformed = () => new ProtocolError(CloseCode.malformed, 'malformed awareness update');

/** One room's record of which connection introduced which awareness client ID. */
export class AwarenessGuard {
  private readonly owners = new Map<number, object>();
  private readonly owned = new Map<object, Set<number>>();

  /**
   * @param reservedClientId the room's own awareness client ID, which no connection may claim
   * @param maxClientIdsPerPeer a y-websocket client uses one; a few more allow a client to regenerate its ID
   */
  constructor(
    private readonly reservedClientId: number,
    private readonly maxClientIdsPerPeer = 8,
  ) {}

  /**
   * Decode an awareness update sent by `peer`, keep only entries for client IDs it owns (claiming
   * free ones), and set `user` on every non-null state. Returns the rewritten update, or null when
   * no entry is left. Throws ProtocolError when the update is malformed or a state is not an object.
   */
  rewrite(update: Uint8Array, peer: object, user: PresenceUser): Uint8Array | null {
    const entries: { clientId: number; clock: number; json: string }[] = [];
    try {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const json = decoding.readVarString(decoder);
        entries.push({ clientId, clock, json });
      }
      if (decoding.hasContent(decoder)) throw malformed();
    } catch {
      throw malformed();
    }
    const out: { clientId: number; clock: number; json: string }[] = [];
    for (const entry of entries) {
      let state: unknown;
      try {
        state = JSON.parse(entry.json);
      } catch {
        throw new ProtocolError(CloseCode.malformed, 'awareness state is not JSON');
      }
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new ProtocolError(CloseCode.malformed, 'awareness state must be an object or null');
      }
      if (!this.mayUse(peer, entry.clientId, state !== null)) continue;
      const json = state === null ? 'null' : JSON.stringify({ ...(state as object), user });
      out.push({ clientId: entry.clientId, clock: entry.clock, json });
    }
    if (out.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, out.length);
    for (const entry of out) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.json);
    }
    return encoding.toUint8Array(encoder);
  }

  /** Forget a peer; returns the client IDs it owned, whose states should now be removed. */
  release(peer: object): number[] {
    const ids = this.owned.get(peer);
    if (!ids) return [];
    this.owned.delete(peer);
    for (const id of ids) this.owners.delete(id);
    return [...ids];
  }

  ownerOf(clientId: number): object | undefined {
    return this.owners.get(clientId);
  }

  /** First come: a free ID is claimed by the first peer to set a state for it. */
  private mayUse(peer: object, clientId: number, claim: boolean): boolean {
    if (clientId === this.reservedClientId) return false;
    const owner = this.owners.get(clientId);
    if (owner !== undefined) return owner === peer;
    if (!claim) return false; // removing a state nobody owns is meaningless; nothing to forward
    let ids = this.owned.get(peer);
    if (!ids) this.owned.set(peer, (ids = new Set()));
    if (ids.size >= this.maxClientIdsPerPeer) return false;
    ids.add(clientId);
    this.owners.set(clientId, peer);
    return true;
  }
}

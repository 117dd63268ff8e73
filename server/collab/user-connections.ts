/**
 * Live websockets by user: enforces WS_MAX_CONNECTIONS_PER_USER (a slot is reserved before the
 * upgrade and held until the socket closes) and finds a user's connections when their account
 * or departments change.
 */
export class UserConnections<C extends { readonly userId: string }> {
  private readonly slots = new Map<string, number>();
  private readonly byUser = new Map<string, Set<C>>();

  constructor(private readonly maxPerUser: number) {}

  /** Take a slot for a socket about to open; false when the user is at the limit. */
  reserve(userId: string): boolean {
    const used = this.slots.get(userId) ?? 0;
    if (used >= this.maxPerUser) return false;
    this.slots.set(userId, used + 1);
    return true;
  }

  /** Give a slot back (the upgrade failed, or the socket closed). */
  unreserve(userId: string): void {
    const used = (this.slots.get(userId) ?? 0) - 1;
    if (used > 0) this.slots.set(userId, used);
    else this.slots.delete(userId);
  }

  add(connection: C): void {
    let set = this.byUser.get(connection.userId);
    if (!set) this.byUser.set(connection.userId, (set = new Set()));
    set.add(connection);
  }

  /** Forget a closed connection and give its slot back. */
  remove(connection: C): void {
    const set = this.byUser.get(connection.userId);
    if (!set?.delete(connection)) return;
    if (set.size === 0) this.byUser.delete(connection.userId);
    this.unreserve(connection.userId);
  }

  ofUser(userId: string): C[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  *all(): IterableIterator<C> {
    for (const set of this.byUser.values()) yield* set;
  }
}

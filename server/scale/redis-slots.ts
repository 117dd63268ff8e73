/**
 * WS_MAX_CONNECTIONS_PER_USER counted across every instance: one sorted set per user in Redis,
 * a member per open socket, scored with an expiry that the owning instance renews while the socket
 * lives. A killed instance's sockets therefore stop counting by themselves after `leaseMs`.
 * Taking a slot is one Lua script (expire stale members, count, add), so parallel handshakes on
 * several instances cannot overshoot the limit.
 */
import { randomUUID } from 'node:crypto';
import type { SharedSlots } from '../collab/upgrade';
import type { RedisLink } from './redis';

const leaseMs = 90_000;
const renewMs = 30_000;

// KEYS: set  ARGV: now, expiry, member, max
const takeScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ${leaseMs})
return 1`;

export function redisSocketSlots(link: RedisLink, maxPerUser: number): SharedSlots & { stop(): void } {
  const keyOf = (userId: string) => `${link.prefix}sockets:${userId}`;
  const held = new Map<string, string>(); // slot → userId
  const renew = setInterval(() => {
    const expiry = Date.now() + leaseMs;
    for (const [slot, userId] of held) void link.command.zadd(keyOf(userId), expiry, slot).catch(() => {});
  }, renewMs);
  renew.unref();
  return {
    async take(userId) {
      const slot = `${link.instanceId}:${randomUUID()}`;
      const now = Date.now();
      try {
        const ok = await link.command.eval(takeScript, 1, keyOf(userId), String(now), String(now + leaseMs), slot, String(maxPerUser));
        if (Number(ok) !== 1) return null;
      } catch (error) {
        // Redis down: the per-instance limit still holds; do not lock people out of their drafts.
        link.publishFailed(error as Error);
        return slot;
      }
      held.set(slot, userId);
      return slot;
    },
    give(userId, slot) {
      held.delete(slot);
      void link.command.zrem(keyOf(userId), slot).catch(() => {});
    },
    stop: () => clearInterval(renew),
  };
}

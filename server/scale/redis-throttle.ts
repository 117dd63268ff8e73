/**
 * Sign-in throttling counted across every instance (LoginThrottle over Redis). Per key two
 * counters: failures in the current window (expiring with it) and attempts in progress (expiring
 * after a minute, in case an instance dies mid-attempt). `attempt` checks and counts in one Lua
 * script, so 30 parallel guesses spread over instances reach the password check at most
 * LOGIN_MAX_FAILURES times, exactly as on one instance.
 */
import type { LoginThrottle, ThrottleLimits } from '../accounts/login-throttle';
import type { RedisLink } from './redis';

const inFlightTtlMs = 60_000;

// KEYS: fail1, inflight1, fail2, inflight2…  ARGV: limit1, limit2…, inFlightTtlMs
const attemptScript = `
local n = #ARGV - 1
local wait = 0
for i = 1, n do
  local fails = tonumber(redis.call('GET', KEYS[2*i-1]) or '0')
  local inflight = tonumber(redis.call('GET', KEYS[2*i]) or '0')
  if fails + inflight >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', KEYS[2*i-1])
    local seconds = 1
    if ttl > 0 then seconds = math.ceil(ttl / 1000) end
    if seconds > wait then wait = seconds end
  end
end
if wait > 0 then return wait end
for i = 1, n do
  redis.call('INCR', KEYS[2*i])
  redis.call('PEXPIRE', KEYS[2*i], ARGV[n+1])
end
return 0`;

// KEYS: fail1, inflight1…  ARGV: windowMs
const failedScript = `
for i = 1, #KEYS / 2 do
  if tonumber(redis.call('DECR', KEYS[2*i]) or '0') <= 0 then redis.call('DEL', KEYS[2*i]) end
  if redis.call('INCR', KEYS[2*i-1]) == 1 then redis.call('PEXPIRE', KEYS[2*i-1], ARGV[1]) end
end
return 0`;

const endScript = `
for i = 1, #KEYS do
  if tonumber(redis.call('DECR', KEYS[i]) or '0') <= 0 then redis.call('DEL', KEYS[i]) end
end
return 0`;

export function redisLoginThrottle(link: RedisLink, limits: ThrottleLimits): LoginThrottle {
  const fail = (key: string) => `${link.prefix}login:fail:${key}`;
  const inflight = (key: string) => `${link.prefix}login:inflight:${key}`;
  const limitFor = (key: string) => limits.maxFailures[key.slice(0, key.indexOf(':') + 1)] ?? Number.MAX_SAFE_INTEGER;
  const pairs = (keys: readonly string[]) => keys.flatMap((k) => [fail(k), inflight(k)]);
  return {
    async attempt(keys) {
      const wait = await link.command.eval(attemptScript, keys.length * 2, ...pairs(keys), ...keys.map((k) => String(limitFor(k))), String(inFlightTtlMs));
      return Number(wait);
    },
    async end(keys) {
      await link.command.eval(endScript, keys.length, ...keys.map(inflight));
    },
    async failed(keys) {
      await link.command.eval(failedScript, keys.length * 2, ...pairs(keys), String(limits.windowMs));
    },
    async reset(keys) {
      if (keys.length) await link.command.del(...keys.map(fail));
    },
  };
}

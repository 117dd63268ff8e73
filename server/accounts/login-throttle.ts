/**
 * Slows down password guessing: after too many failed sign-ins for one key (an email, an IP
 * address) within a window, further attempts for that key are refused until the window ends.
 * In memory, per process, behind a small interface so a shared store (Redis) can replace it.
 */

export interface LoginThrottle {
  /** Seconds until a sign-in for any of these keys may be tried again, or 0 when allowed. */
  retryAfter(keys: readonly string[]): number;
  /** Count a failed attempt against every key. */
  failed(keys: readonly string[]): void;
  /** Forget the failures of these keys (after a successful sign-in). */
  reset(keys: readonly string[]): void;
}

export interface ThrottleLimits {
  /** Failures allowed per key prefix (`email:`, `ip:`) within the window. */
  maxFailures: Record<string, number>;
  windowMs: number;
}

interface Bucket {
  failures: number;
  windowEndsAt: number;
}

/** Fixed-window failure counters in a Map; expired windows are swept as the map grows. */
export function memoryLoginThrottle(limits: ThrottleLimits, now: () => number = Date.now): LoginThrottle {
  const buckets = new Map<string, Bucket>();
  const limitFor = (key: string) => limits.maxFailures[key.slice(0, key.indexOf(':') + 1)] ?? Infinity;
  const live = (key: string) => {
    const bucket = buckets.get(key);
    if (bucket && bucket.windowEndsAt <= now()) {
      buckets.delete(key);
      return undefined;
    }
    return bucket;
  };
  const sweep = () => {
    if (buckets.size < 10_000) return;
    for (const [key, bucket] of buckets) if (bucket.windowEndsAt <= now()) buckets.delete(key);
  };

  return {
    retryAfter(keys) {
      let wait = 0;
      for (const key of keys) {
        const bucket = live(key);
        if (bucket && bucket.failures >= limitFor(key)) wait = Math.max(wait, Math.ceil((bucket.windowEndsAt - now()) / 1000));
      }
      return wait;
    },
    failed(keys) {
      sweep();
      for (const key of keys) {
        const bucket = live(key);
        if (bucket) bucket.failures++;
        else buckets.set(key, { failures: 1, windowEndsAt: now() + limits.windowMs });
      }
    },
    reset(keys) {
      for (const key of keys) buckets.delete(key);
    },
  };
}

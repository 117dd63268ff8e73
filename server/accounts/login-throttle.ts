/**
 * Slows down password guessing: after too many failed sign-ins for one key (an email, an IP
 * address) within a window, further attempts for that key are refused until the window ends.
 * In memory for one process; with several instances the same interface is backed by Redis
 * (server/scale/redis-throttle.ts), so the limit counts across instances.
 *
 * Attempts in progress count against the limit too (`begin` … `failed`/`end`): the password check
 * takes tens of milliseconds, so without that, 30 parallel guesses would all pass the check
 * before the first failure is counted.
 */

type Awaitable<T> = T | Promise<T>;

export interface LoginThrottle {
  /**
   * In one step: seconds until a sign-in for any of these keys may be tried again (nothing begun),
   * or 0, and the attempt counts as in progress from now.
   */
  attempt(keys: readonly string[]): Awaitable<number>;
  /** The attempt ended without a verdict (e.g. the database failed): it no longer counts. */
  end(keys: readonly string[]): Awaitable<void>;
  /** Count a failed attempt against every key (ending an attempt begun for them). */
  failed(keys: readonly string[]): Awaitable<void>;
  /** Forget the failures of these keys (after a successful sign-in). */
  reset(keys: readonly string[]): Awaitable<void>;
}

/** The in-memory throttle also answers the two halves of `attempt` separately. */
export interface MemoryLoginThrottle extends LoginThrottle {
  /** Seconds until a sign-in for any of these keys may be tried again, or 0 when allowed. */
  retryAfter(keys: readonly string[]): number;
  /** An attempt for these keys starts now. */
  begin(keys: readonly string[]): void;
  attempt(keys: readonly string[]): number;
  end(keys: readonly string[]): void;
  failed(keys: readonly string[]): void;
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
export function memoryLoginThrottle(limits: ThrottleLimits, now: () => number = Date.now): MemoryLoginThrottle {
  const buckets = new Map<string, Bucket>();
  const inFlight = new Map<string, number>();
  const finish = (keys: readonly string[]) => {
    for (const key of keys) {
      const n = (inFlight.get(key) ?? 0) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    }
  };
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

  const throttle: MemoryLoginThrottle = {
    attempt(keys) {
      const wait = throttle.retryAfter(keys);
      if (wait === 0) throttle.begin(keys);
      return wait;
    },
    retryAfter(keys) {
      let wait = 0;
      for (const key of keys) {
        const bucket = live(key);
        const attempts = (bucket?.failures ?? 0) + (inFlight.get(key) ?? 0);
        if (attempts >= limitFor(key)) wait = Math.max(wait, bucket ? Math.ceil((bucket.windowEndsAt - now()) / 1000) : 1);
      }
      return wait;
    },
    begin(keys) {
      for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    },
    end: finish,
    failed(keys) {
      finish(keys);
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
  return throttle;
}

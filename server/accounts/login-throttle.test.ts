import { describe, expect, it } from 'vitest';
import { memoryLoginThrottle } from './login-throttle';

const setup = () => {
  let now = 1_000_000;
  const throttle = memoryLoginThrottle({ maxFailures: { 'email:': 2, 'ip:': 4 }, windowMs: 60_000 }, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
};

describe('memoryLoginThrottle', () => {
  it('allows up to the limit of failures per key, then asks to wait until the window ends', () => {
    const { throttle, advance } = setup();
    const keys = ['email:a@example.org', 'ip:10.0.0.1'];
    throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(0);
    advance(15_000);
    throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(45); // the email's window started 15 s ago
    expect(throttle.retryAfter(['email:b@example.org', 'ip:10.0.0.1'])).toBe(0); // the address is still under its limit
    advance(45_000);
    expect(throttle.retryAfter(keys)).toBe(0);
  });

  it('applies the limit of each key prefix, and reset forgets a key', () => {
    const { throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.failed([`email:${i}@example.org`, 'ip:10.0.0.2']);
    expect(throttle.retryAfter(['email:new@example.org', 'ip:10.0.0.2'])).toBeGreaterThan(0);
    throttle.reset(['ip:10.0.0.2']);
    expect(throttle.retryAfter(['email:new@example.org', 'ip:10.0.0.2'])).toBe(0);
  });
});

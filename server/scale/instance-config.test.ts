import { describe, expect, it } from 'vitest';
import { assertInstanceConfig, loadConfig } from '../config';

describe('several instances: what a server needs to join the others', () => {
  const base = { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/codraft', SIGNING_KEY_SECRET: 'x'.repeat(32) };
  it('refuses REDIS_URL without a shared Postgres or without one shared agency key, naming the variable', () => {
    expect(() => assertInstanceConfig(loadConfig({ ...base, DATABASE_URL: undefined }))).toThrow(/REDIS_URL: several instances share one Postgres; set DATABASE_URL/);
    expect(() => assertInstanceConfig(loadConfig({ ...base, SIGNING_KEY_SECRET: undefined }))).toThrow(/REDIS_URL: instances must share one agency key/);
    expect(() => loadConfig({ ...base, SIGNING_KEY_SECRET: 'short' })).toThrow(/SIGNING_KEY_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://redis' })).toThrow(/REDIS_URL: must start with redis:\/\//);
  });
  it('accepts a complete setup, and one process without Redis', () => {
    expect(() => assertInstanceConfig(loadConfig(base))).not.toThrow();
    expect(() => assertInstanceConfig(loadConfig({ SIGNING_KEY_JWK: undefined }))).not.toThrow();
  });
});

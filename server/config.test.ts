import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults for a fresh machine: port 8080, embedded database under ./data, migrations on start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, DATA_DIR: './data', MIGRATE_ON_START: true, ALLOWED_ORIGINS: [] });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('parses values given as strings', () => {
    const config = loadConfig({ PORT: '9000', MIGRATE_ON_START: 'false', ALLOWED_ORIGINS: 'http://localhost:5173, https://a.example.org' });
    expect(config).toMatchObject({ PORT: 9000, MIGRATE_ON_START: false, ALLOWED_ORIGINS: ['http://localhost:5173', 'https://a.example.org'] });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['MIGRATE_ON_START', 'yes'],
    ['ALLOWED_ORIGINS', 'not a url'],
    ['WS_MAX_FRAME_BYTES', '10'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}`));
  });
});

import { defineConfig } from 'vitest/config';
import { eventuallyMs, pollIntervalMs } from './test/support/timeouts';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    // A run id for database names, and dropping this run's databases even after a crashed file.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll's own default (1 s) is shorter than a busy 2-core machine's scheduling hiccups.
    expect: { poll: { timeout: eventuallyMs, interval: pollIntervalMs } },
    // Two cores: more workers only make every file slower.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    // A run id for database names, and dropping this run's databases even after a crashed file.
    globalSetup: ['test/support/global-setup.ts'],
    // Budgets, not expectations: on a 2-core machine shared with other runs (load average 25+
    // seen), starting a server with its own migrated database can take a minute.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // expect.poll's own default (1 s) is shorter than a busy 2-core machine's scheduling hiccups.
    // Same figures as test/support/timeouts.ts (eventuallyMs, pollIntervalMs).
    expect: { poll: { timeout: Number(process.env.TEST_WAIT_MS ?? 20_000), interval: 50 } },
    // Two cores: more workers only make every file slower.
    maxWorkers: 2,
  },
});

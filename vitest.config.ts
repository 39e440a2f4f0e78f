import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fault tests kill servers and stop PostgreSQL, the fuzzer sends tens of thousands of requests:
    // they run on their own (npm run test:faults, npm run test:fuzz).
    exclude: ['tests/faults/**', 'tests/fuzz/**', '**/node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // Two files at a time: vitest's default in a run is one worker fewer than the CPUs, one on this
    // 2-CPU machine. The suite took 3 min 43 s (PostgreSQL 15) and 4 min 1 s (embedded) with two.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

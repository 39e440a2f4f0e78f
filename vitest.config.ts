import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fault tests kill servers and stop PostgreSQL, the fuzzer sends tens of thousands of requests:
    // they run on their own (npm run test:faults, npm run test:fuzz).
    exclude: ['tests/faults/**', 'tests/fuzz/**', '**/node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // One file at a time (vitest's default on 2 CPUs: one worker fewer than the CPUs). With two at a
    // time the suite took 3 min 43 s instead of about 7, but in one CI run of four the refine browser
    // test then missed a live draft-vote update (tests/e2e/refine.test.ts:114), so it stays at one
    // until that is understood.
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

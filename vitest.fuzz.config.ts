import { defineConfig } from 'vitest/config';

// `npm run test:fuzz`: every operation of the served OpenAPI document, fuzzed for each role that may call it
// (FUZZ_RUNS cases per operation and role, 500 unless told).
export default defineConfig({
  test: {
    include: ['tests/fuzz/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // The two shards side by side: vitest's default in a run is one worker fewer than the CPUs,
    // which is one here, so they ran one after the other.
    maxWorkers: 2,
    testTimeout: 600_000,
    // Each shard starts its own app on a fresh database with the demo data before its first case.
    hookTimeout: 900_000,
  },
});

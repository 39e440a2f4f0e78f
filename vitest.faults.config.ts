import { defineConfig } from 'vitest/config';

// `npm run test:faults`: one file, its tests one after another, each fault on the server and the
// PostgreSQL cluster the file starts for itself.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

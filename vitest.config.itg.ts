import { defineConfig } from 'vitest/config';

// Integration tests run the real bundles against real git, registry and Docker: one file at a time,
// longer timeouts, every service started on loopback by the test itself.
export default defineConfig({
  test: {
    include: ['**/*.itg.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

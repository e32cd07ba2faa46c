import { defineConfig } from 'vitest/config';

// Unit tests: fast, no services. Integration tests (*.itg.test.ts) have their own config.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.itg.test.ts', '**/node_modules/**'],
    testTimeout: 20_000,
    // GitHub's workflow tooling imports JSON without import attributes, which Node refuses; vite transforms it.
    server: { deps: { inline: [/@actions\/(languageservice|workflow-parser|expressions)/] } },
  },
});

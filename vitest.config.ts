import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run the sandbox package from its source, like typecheck and tsx (tsconfig paths).
  resolve: {
    alias: {
      'hubspot-sandbox': fileURLToPath(new URL('./packages/hubspot-sandbox/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});

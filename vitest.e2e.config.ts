// End-to-end tests: the built renderer in Debian's Chromium, talking to the real main/api
// through test/bridge. One file at a time (one browser, two cores); long timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});

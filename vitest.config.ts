// Unit and integration tests (server and pure logic, and the journeys' harness). The browser journeys
// themselves (e2e/*.e2e.ts) run separately, under node:test (npm run test:e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most of a file's time is spent waiting on PostgreSQL, a child process or
    // the disk, so two workers on two cores finish well before one (vitest's default here).
    maxWorkers: 2,
    reporters: ['default'],
  },
});

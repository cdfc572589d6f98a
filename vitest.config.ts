import { defineConfig } from 'vitest/config'

// Domain code (src/core) and the web UI's logic (src/web) are pure: no database, no network,
// no process state. Their files share one worker thread without isolation, so the ~60 of them
// pay one worker start and one import of shared modules instead of a fork each. Everything
// else gets its own process per file, and the shared peers (PGlite template, AT Protocol
// network) are started once for the run.
const PURE = ['src/core/**/*.test.ts', 'src/web/**/*.test.ts']

export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'pure', include: PURE, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'process',
          // Negated here, not in `exclude`: a project's own exclude drops the CLI's --exclude
          // (scripts/test.mjs narrows the PostgreSQL pass with it).
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', ...PURE.map((glob) => `!${glob}`)],
          globalSetup: ['test/global-setup.ts', 'test/peers/atproto-global-setup.ts'],
          pool: 'forks',
        },
      },
    ],
  },
})

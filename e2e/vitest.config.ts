import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The browser tests: one pass, on embedded PGlite (scripts/test.mjs runs it once), sharing one
// Chromium started by global-setup.ts. Each file starts its own Sous on a real port; the local
// AT Protocol network starts only when a file asks for it (atprotoNetwork()).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    globalSetup: [
      'test/global-setup.ts',
      'test/peers/atproto-global-setup.ts',
      'e2e/global-setup.ts',
    ],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A page's first paint waits on its lazy chunks and first queries: seconds on a busy CI
    // machine, where the 1 s default made whole files fail at their first page.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
})

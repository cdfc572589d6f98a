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
  },
})

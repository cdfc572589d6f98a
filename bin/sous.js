#!/usr/bin/env node
// The `sous` command. It runs the server compiled to JavaScript (dist/server, built by `npm ci`
// or `npm run build`) when that was built from the sources in this checkout, and the
// TypeScript sources through tsx otherwise — so it always runs what the checkout holds, fast
// when it can (`sous --help` ≈ 0.2 s compiled vs 0.55 s through tsx on the 2-core machines).
import { isFresh } from '../scripts/build.mjs'

if (process.argv[2] === 'start' && !isFresh('web')) {
  process.stderr.write(
    'The web UI in dist/web is missing or older than its sources: `npm start` or `npm run build` builds it.\n',
  )
}
if (isFresh('server')) {
  await import('../dist/server/cli/main.js')
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}

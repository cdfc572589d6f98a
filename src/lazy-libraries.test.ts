import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSousHome,
  type SousHome,
  startSousProcess,
  waitUntilReady,
} from '../test/sous-process.ts'

// Each of these is 10–40 MB of heap that a server keeps for its whole life once loaded
// (issue 11: RSS ≤ 250 MB on a 1 GB server). They load when their network, feed or
// source is first used, not at start.
const LOADED_ON_FIRST_USE = [
  '@atproto/api',
  '@atproto/sync',
  '@atproto/identity',
  'masto',
  'html-to-text',
  'feedsmith',
  'piscina',
  'pino-pretty',
]

let home: SousHome | undefined
afterEach(async () => {
  await home?.cleanup()
  home = undefined
})

describe('a started Sous', () => {
  it('keeps the protocol, feed and pretty-printing libraries out of memory until they are used', async () => {
    home = await createSousHome()
    const trace = path.join(home.dir, 'packages.txt')
    const sous = await startSousProcess({
      ...home.env,
      NODE_OPTIONS: `--import ${path.resolve('test/module-trace/register.mjs')}`,
      SOUS_TRACE_PACKAGES: trace,
    })
    try {
      await waitUntilReady(sous.url, 60_000)
      const loaded = readFileSync(trace, 'utf8').trim().split('\n')
      // The trace works: what every start needs is in it.
      expect(loaded).toContain('hono')
      expect(loaded.filter((name) => LOADED_ON_FIRST_USE.includes(name))).toEqual([])
    } finally {
      sous.child.kill('SIGTERM')
      await sous.exited
    }
  })
})

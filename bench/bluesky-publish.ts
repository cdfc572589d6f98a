// `npm run bench -- bluesky-publish [posts]`: starts the local AT Protocol network (needs
// `npm ci --prefix test/peers/atproto` and PostgreSQL at TEST_DATABASE_URL), then publishes
// through the Bluesky adapter: plain text, text with a mention/link/hashtag (facets resolved
// through the PDS), and text with one image. Prints the network's start and stop times and
// publish latency p50/p95/max per kind, and the library's own `post()` for comparison; the
// last line is JSON.
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AtpAgent } from '@atproto/api'
import { createBlueskyAdapter } from '../src/networks/bluesky/index.ts'
import { TINY_PNG } from '../src/networks/contract-suite.ts'
import type { PublishRequest } from '../src/networks/types.ts'
import {
  launchOnce,
  type NetworkRun,
  runFiles,
  stopNetwork,
  waitForNetwork,
} from '../test/peers/atproto-launch.ts'

type Stats = { n: number; p50: number; p95: number; max: number }

function statsOf(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
  const round = (n: number) => Math.round(n * 10) / 10
  return { n: values.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)) }
}

export async function run(args: string[]): Promise<void> {
  const posts = Number(args[0] ?? 200)
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'sous-bench-atproto-'))
  const networkRun: NetworkRun = {
    runDir,
    readyFile: runFiles(runDir).readyFile,
    external: false,
    ownerPid: process.pid,
  }
  try {
    const started = performance.now()
    await launchOnce(networkRun)
    const network = await waitForNetwork(networkRun)
    const startMs = Math.round(performance.now() - started)
    console.log(
      `network ready in ${startMs} ms (serve.js itself: ${network.startMs} ms, the rest is Node starting and loading dev-env)`,
    )

    const handle = `bench${Date.now().toString(36)}.test`
    const owner = new AtpAgent({ service: network.pds })
    await owner.createAccount({ handle, email: `${handle}@example.com`, password: 'bench' })
    const { data: appPassword } = await owner.com.atproto.server.createAppPassword({ name: 'b' })
    const friend = `friend${Date.now().toString(36)}.test`
    await new AtpAgent({ service: network.pds }).createAccount({
      handle: friend,
      email: `${friend}@example.com`,
      password: 'bench',
    })
    const adapter = createBlueskyAdapter({ plcUrl: network.plc })
    const credentials = await adapter.connect({
      identifier: handle,
      appPassword: appPassword.password,
      service: network.pds,
    })
    const session = { credentials, saveCredentials: async () => {} }

    const kinds: Record<string, (i: number) => Omit<PublishRequest, 'idempotencyKey'>> = {
      text: (i) => ({ text: `plain post ${i}` }),
      facets: (i) => ({ text: `@${friend} see https://example.com/${i} #bench` }),
      image: (i) => ({
        text: `image ${i}`,
        images: [{ bytes: TINY_PNG, mimeType: 'image/png', altText: 'a pixel' }],
      }),
    }
    const results: Record<string, Stats> = {}
    const measure = async (kind: string, publish: (i: number) => Promise<unknown>) => {
      const samples: number[] = []
      for (let i = 0; i < posts; i++) {
        const t0 = performance.now()
        await publish(i)
        samples.push(performance.now() - t0)
      }
      results[kind] = statsOf(samples.slice(Math.min(5, posts - 1)))
      console.log(`${kind}: ${JSON.stringify(results[kind])} ms (first 5 left out as warm-up)`)
    }
    // The library alone, logged in with the account password: what the adapter adds on top.
    await owner.login({ identifier: handle, password: 'bench' })
    await measure('library', (i) => owner.post({ text: `library post ${i}` }))
    for (const [kind, make] of Object.entries(kinds)) {
      await measure(kind, (i) =>
        adapter.publish(session, { idempotencyKey: randomUUID(), ...make(i) }),
      )
    }

    const stopping = performance.now()
    await stopNetwork(runDir)
    const stopMs = Math.round(performance.now() - stopping)
    console.log(`network stopped in ${stopMs} ms`)
    console.log(
      JSON.stringify({
        bench: 'bluesky-publish',
        posts,
        cores: os.availableParallelism(),
        load1: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
        networkStartMs: startMs,
        serveStartMs: network.startMs,
        networkStopMs: stopMs,
        publishMs: results,
      }),
    )
  } finally {
    await stopNetwork(runDir)
  }
}

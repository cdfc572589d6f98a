// The load generator of bench/measure.ts (autocannon), in a process of its own so it never
// shares an event loop with the server: `connections` keep-alive connections cycling through
// `paths`, for `durationS` after `warmUpS`: as fast as they answer (autocannon) or, given
// `perSecond`, at that even rate (bench/paced-load.ts). Replies with requests/s, latency
// percentiles and the answers by status class.
import { createRequire } from 'node:module'
import { pacedLoad } from './paced-load.ts'

type Request = { path: string }
type Result = {
  requests: { average: number }
  latency: { p50: number; p99: number; max: number }
  errors: number
  timeouts: number
} & Record<'1xx' | '2xx' | '3xx' | '4xx' | '5xx', number>
// autocannon ships no types; what this file uses of it, typed here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string
  connections: number
  duration: number
  requests: Array<{ setupRequest: (request: Request) => Request }>
}) => Promise<Result>

export type RedirectLoadSettings = {
  url: string
  paths: string[]
  connections: number
  warmUpS: number
  durationS: number
  perSecond?: number
}

export type RedirectLoadResult = {
  perSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  redirects: number
  other: number
  errors: number
}

process.once('message', async (settings: RedirectLoadSettings) => {
  const reply = settings.perSecond
    ? await paced(settings, settings.perSecond)
    : await flatOut(settings)
  process.send?.(reply, () => process.disconnect())
})

async function paced(settings: RedirectLoadSettings, perSecond: number) {
  const result = await pacedLoad({
    ...settings,
    perSecond,
    warmUpMs: settings.warmUpS * 1_000,
    durationMs: settings.durationS * 1_000,
  })
  const latencies = result.latenciesMs.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? 0
  const round = (ms: number) => Math.round(ms * 10) / 10
  let redirects = 0
  let other = 0
  for (const [status, count] of result.byStatus)
    if (status >= 300 && status < 400) redirects += count
    else other += count
  return {
    perSecond: result.perSecond,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(at(1)),
    redirects,
    other,
    errors: result.errors,
  } satisfies RedirectLoadResult
}

async function flatOut(settings: RedirectLoadSettings) {
  const fire = (duration: number) => {
    let n = 0
    return autocannon({
      url: settings.url,
      connections: settings.connections,
      duration,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: settings.paths[n++ % settings.paths.length] as string,
          }),
        },
      ],
    })
  }
  await fire(settings.warmUpS)
  const result = await fire(settings.durationS)
  return {
    perSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    redirects: result['3xx'],
    other: result['1xx'] + result['2xx'] + result['4xx'] + result['5xx'],
    errors: result.errors + result.timeouts,
  } satisfies RedirectLoadResult
}

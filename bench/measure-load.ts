// The load generator of bench/measure.ts (autocannon), in a process of its own so it never
// shares an event loop with the server: `connections` keep-alive connections cycling through
// `paths`, for `durationS` after `warmUpS`, as fast as they answer or, given `perSecond`, at
// that rate in all (latency then counted from when each request was due, so a stall is not
// hidden: autocannon's coordinated-omission correction). Replies with requests/s, latency
// percentiles and the answers by status class.
import { createRequire } from 'node:module'

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
  overallRate?: number
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
  const fire = (duration: number) => {
    let n = 0
    return autocannon({
      url: settings.url,
      connections: settings.connections,
      duration,
      ...(settings.perSecond ? { overallRate: settings.perSecond } : {}),
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
  const reply: RedirectLoadResult = {
    perSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    redirects: result['3xx'],
    other: result['1xx'] + result['2xx'] + result['4xx'] + result['5xx'],
    errors: result.errors + result.timeouts,
  }
  process.send?.(reply, () => process.disconnect())
})

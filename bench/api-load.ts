// The load generator of bench/api.ts, in a process of its own so it never shares an event loop
// with the server: `connections` keep-alive connections (undici), each sending its next request
// as soon as the last answer is read, for `durationMs` after `warmUpMs`. Replies with requests/s
// and latency percentiles of the measured part.
import { Pool } from 'undici'

export type LoadSettings = {
  url: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  /** A JSON body; `{{n}}` in it is replaced by a running number. */
  body?: string
  connections: number
  warmUpMs: number
  durationMs: number
}

export type LoadResult = {
  /** Answered in the measured part. */
  requests: number
  /** Sent in all, warm-up included. */
  sent: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Answers other than 2xx, and requests that failed outright. */
  errors: number
  firstError?: string
}

process.once('message', async (settings: LoadSettings) => {
  const result = await load(settings)
  process.send?.(result, () => process.disconnect())
})

async function load(settings: LoadSettings): Promise<LoadResult> {
  const pool = new Pool(settings.url, { connections: settings.connections, pipelining: 1 })
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  let n = 0
  const started = performance.now()
  const measureFrom = started + settings.warmUpMs
  const end = measureFrom + settings.durationMs
  const lane = async () => {
    while (performance.now() < end) {
      const sent = performance.now()
      n++
      try {
        const response = await pool.request({
          method: settings.method,
          path: settings.path,
          headers: settings.headers,
          body: settings.body?.replaceAll('{{n}}', String(n)),
        })
        const text = await response.body.text()
        if (response.statusCode >= 300) {
          errors++
          firstError ??= `${response.statusCode} ${text.slice(0, 200)}`
        }
      } catch (error) {
        errors++
        firstError ??= String(error)
      }
      const done = performance.now()
      if (sent >= measureFrom && done <= end) latencies.push(done - sent)
    }
  }
  await Promise.all(Array.from({ length: settings.connections }, lane))
  await pool.close()
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? 0
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    requests: latencies.length,
    sent: n,
    perSecond: Math.round(latencies.length / (settings.durationMs / 1_000)),
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(at(1)),
    errors,
    ...(firstError ? { firstError } : {}),
  }
}

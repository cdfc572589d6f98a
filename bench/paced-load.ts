import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

export type PacedLoadSettings = {
  url: string
  paths: string[]
  connections: number
  perSecond: number
  /** Sent at the same rate on the same connections before `durationMs`, and not counted. */
  warmUpMs: number
  durationMs: number
}

export type PacedLoadResult = {
  perSecond: number
  /** From when each request was due to its answer's end. */
  latenciesMs: number[]
  byStatus: Map<number, number>
  errors: number
}

/**
 * Requests at an even `perSecond` over `connections` keep-alive connections, each sent when it
 * is due whether or not the ones before were answered (an open loop), its latency counted from
 * that due time: a stall shows in every request it delays. autocannon's rate limit sends each
 * second's requests at once and then waits, which is full speed for part of every second.
 * The warm-up runs on the measured connections without a pause: a warm-up on connections of
 * its own left the measured run to open 50 new ones, and their first second held 0.3–1.5 %
 * of its requests over 5 ms (bench/measure.ts), as much as the p99 it measures.
 */
export async function pacedLoad(settings: PacedLoadSettings): Promise<PacedLoadResult> {
  const pool = new Pool(settings.url, { connections: settings.connections, pipelining: 1 })
  const latenciesMs: number[] = []
  const byStatus = new Map<number, number>()
  let errors = 0
  const inFlight = new Set<Promise<void>>()
  const send = (n: number, dueAt: number) => {
    const path = settings.paths[n % settings.paths.length] as string
    const request = pool
      .request({ method: 'GET', path })
      .then(async (response) => {
        await response.body.dump()
        if (n < firstCounted) return
        latenciesMs.push(performance.now() - dueAt)
        byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1)
      })
      .catch(() => {
        if (n >= firstCounted) errors++
      })
      .finally(() => inFlight.delete(request))
    inFlight.add(request)
  }
  const intervalMs = 1_000 / settings.perSecond
  const firstCounted = Math.round((settings.perSecond * settings.warmUpMs) / 1_000)
  const total = firstCounted + Math.round((settings.perSecond * settings.durationMs) / 1_000)
  const started = performance.now()
  let sent = 0
  while (sent < total) {
    const now = performance.now()
    // Every request due by now, each with its own due time.
    while (sent < total && started + sent * intervalMs <= now) {
      send(sent, started + sent * intervalMs)
      sent++
    }
    await sleep(1)
  }
  await Promise.all(inFlight)
  const elapsedS = (performance.now() - started - settings.warmUpMs) / 1_000
  await pool.close()
  return { perSecond: Math.round(latenciesMs.length / elapsedS), latenciesMs, byStatus, errors }
}

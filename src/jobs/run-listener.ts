import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { Logger } from 'pino'
import { claimListenLease, releaseListenLease } from '../commands/claim-listen-lease.ts'
import { deliverListenMatchesToInbox } from '../commands/deliver-listen-matches-to-inbox.ts'
import { raiseListenAlerts } from '../commands/raise-listen-alerts.ts'
import { type ListenMatch, recordListenMatches } from '../commands/record-listen-matches.ts'
import { recordListenState } from '../commands/record-listen-state.ts'
import type { Config } from '../config.ts'
import { compileSearches, type Matcher } from '../core/listen/compile-searches.ts'
import { crisisQueries, crisisSpikeSettings } from '../core/listen/crisis-lexicon.ts'
import type {
  ConsumerState,
  ListenBatch,
  ListenConsumer,
  ListenSource,
} from '../networks/listen/source.ts'
import type { Database } from '../store/connect.ts'
import { type ListenTarget, loadListenTargets } from '../store/queries/load-listen-targets.ts'
import { type ListenSourcesConfig, listenSourcesFor } from './listen-sources.ts'
import type { MastodonListening } from './mastodon-listen-source.ts'

export { JETSTREAM_SOURCE } from '../core/listen/source-names.ts'

export type Listener = { stop: () => Promise<void> }

type Compiled = { signature: string; matcher: Matcher; targets: Map<string, ListenTarget> }

/** A source this process runs: its consumer while it holds the source's lease. */
type Running = {
  source: ListenSource
  consumer?: ListenConsumer
  state: { state: ConsumerState | 'idle'; detail: string | null }
  reporting: Promise<void>
}

/**
 * The listening loop of a worker: not a job (long-lived connections), but each source run
 * behind a lease row so exactly one process of the instance consumes it. Every `tickMs` it
 * renews the leases, reloads the saved searches and crisis watches (recompiling the matcher
 * when they changed) and the sources they need, and connects only while at least one is
 * active; each source resumes from its stored cursor. Every source's batches go through the
 * one matching path below.
 */
export function startListener(options: {
  database: Database
  config: ListenSourcesConfig & Pick<Config, 'publicUrl'>
  logger: Logger
  /** The sources the current targets need (listen-sources.ts by default). */
  sources?: (targets: ListenTarget[]) => Promise<ListenSource[]>
  /** Mastodon instances are listened to when given (the default sources only). */
  mastodon?: MastodonListening
  tickMs?: number
  leaseTtlMs?: number
  flushMs?: number
}): Listener {
  const { database, logger } = options
  const { db } = database
  const tickMs = options.tickMs ?? 5_000
  const leaseTtlMs = options.leaseTtlMs ?? 3 * tickMs
  const sourcesFor = options.sources ?? listenSourcesFor(db, options.config, options.mastodon)
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  let compiled: Compiled | undefined
  const running = new Map<string, Running>()
  let stopped = false
  let ticking: Promise<void> | undefined

  // One write at a time per source, in order: 'connecting' must never land after 'connected'.
  const report = (run: Running) => {
    const snapshot = { ...run.state }
    run.reporting = run.reporting.then(() =>
      recordListenState(db, { source: run.source.name, holder, ...snapshot }).catch((error) =>
        logger.debug({ err: error }, 'listening state not recorded'),
      ),
    )
    return run.reporting
  }

  const onBatch = (source: ListenSource) => async (batch: ListenBatch) => {
    const current = compiled
    const matches: ListenMatch[] = []
    if (current) {
      for (const event of batch.posts) {
        const seen = new Set<string>()
        for (const id of current.matcher.match(event.post)) {
          const target = current.targets.get(id.slice(0, id.indexOf('#')))
          if (!target || seen.has(target.id)) continue
          if (event.workspaceId && event.workspaceId !== target.workspaceId) continue
          if (source.accepts && !source.accepts(target)) continue
          seen.add(target.id)
          matches.push({ target, event })
        }
      }
    }
    const recorded = await recordListenMatches(database, {
      source: source.name,
      holder,
      matches,
      cursor: batch.cursor,
      lastEventUs: batch.lastEventUs,
    })
    await deliverListenMatchesToInbox(database, recorded.stored)
    const raised = await raiseListenAlerts(db, recorded.touched.values(), {
      publicUrl: options.config.publicUrl,
    })
    for (const alert of raised) {
      logger.warn(
        { alertId: alert.id, searchId: alert.target.id, brakeId: alert.brakeId, ...alert.spike },
        alert.brakeId
          ? `crisis watch engaged the brake of workspace ${alert.target.workspaceId}: ${alert.spike.volume} posts a minute against a baseline of ${alert.spike.baseline}`
          : `saved search "${alert.target.name}" spiked: ${alert.spike.volume} matches a minute against a baseline of ${alert.spike.baseline}`,
      )
    }
  }

  const stopConsumer = async (run: Running) => {
    const consumer = run.consumer
    run.consumer = undefined
    await consumer?.stop()
  }

  const retire = async (run: Running, state: string) => {
    running.delete(run.source.name)
    if (!run.consumer) return
    await stopConsumer(run)
    await releaseListenLease(db, { source: run.source.name, holder, state }).catch(() => {})
  }

  const tend = async (source: ListenSource) => {
    let run = running.get(source.name)
    if (run && (run.source.signature ?? '') !== (source.signature ?? '')) {
      await stopConsumer(run)
      run.source = source
    }
    if (!run) {
      run = { source, state: { state: 'idle', detail: null }, reporting: Promise.resolve() }
      running.set(source.name, run)
    }
    const lease = await claimListenLease(db, { source: source.name, holder, ttlMs: leaseTtlMs })
    if (!lease.held) {
      if (run.consumer) {
        logger.warn(
          `listening lease on ${source.name} taken over by another worker; this one stops`,
        )
        await stopConsumer(run)
      }
      return
    }
    if (!run.consumer && !stopped) {
      const current = run
      run.consumer = source.start({
        cursor: lease.cursor,
        onBatch: onBatch(source),
        onState: (next, detail) => {
          current.state = { state: next, detail }
          void report(current)
        },
        logger,
        flushMs: options.flushMs,
      })
    }
    await report(run)
  }

  const tick = async () => {
    const targets = await loadListenTargets(db, crisisQueries, crisisSpikeSettings)
    compiled = compile(targets, compiled)
    const wanted = targets.length === 0 ? [] : await sourcesFor(targets)
    const names = new Set(wanted.map((s) => s.name))
    for (const run of [...running.values()]) {
      if (!names.has(run.source.name)) await retire(run, 'idle')
    }
    for (const source of wanted) {
      await tend(source).catch((error: Error) =>
        logger.error({ err: error }, `listening to ${source.name} failed`),
      )
    }
  }

  const loop = async () => {
    ticking = tick().catch((error: Error) => logger.error({ err: error }, 'listening tick failed'))
    await ticking
    if (!stopped) timer = setTimeout(loop, tickMs)
  }
  let timer: NodeJS.Timeout | undefined = setTimeout(loop, 0)

  return {
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      await ticking
      await Promise.all([...running.values()].map((run) => retire(run, 'stopped')))
    },
  }
}

/** One matcher for every target; a crisis watch is several queries, so ids are `<target>#<n>`. */
function compile(targets: ListenTarget[], previous: Compiled | undefined): Compiled {
  const signature = JSON.stringify(
    targets.map((t) => [t.id, t.queries, t.alert, t.inbox, t.broad, t.observedFrom, t.name]),
  )
  if (previous?.signature === signature) return previous
  const searches = targets.flatMap((t) =>
    t.queries.map((query, n) => ({ id: `${t.id}#${n}`, query })),
  )
  return {
    signature,
    matcher: compileSearches(searches, { previous: previous?.matcher }),
    targets: new Map(targets.map((t) => [t.id, t])),
  }
}

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
import {
  type ConsumerState,
  type JetstreamBatch,
  type JetstreamConsumer,
  startJetstreamConsumer,
} from '../networks/jetstream/jetstream-consumer.ts'
import type { Database } from '../store/connect.ts'
import { type ListenTarget, loadListenTargets } from '../store/queries/load-listen-targets.ts'

export const JETSTREAM_SOURCE = 'jetstream'

export type Listener = { stop: () => Promise<void> }

type Compiled = { signature: string; matcher: Matcher; targets: Map<string, ListenTarget> }

/**
 * The listening loop of a worker: not a job (one long-lived WebSocket), but run behind a lease
 * row so exactly one process of the instance consumes. Every `tickMs` it renews the lease,
 * reloads the saved searches and crisis watches (recompiling the matcher when they changed),
 * and connects only while at least one is active; it resumes from the stored cursor.
 */
export function startListener(options: {
  database: Database
  config: Pick<Config, 'jetstreamUrl' | 'publicUrl'> & Partial<Pick<Config, 'blueskyFirehoseUrl'>>
  logger: Logger
  tickMs?: number
  leaseTtlMs?: number
  flushMs?: number
}): Listener {
  const { database, logger } = options
  const { db } = database
  const tickMs = options.tickMs ?? 5_000
  const leaseTtlMs = options.leaseTtlMs ?? 3 * tickMs
  if (options.config.blueskyFirehoseUrl) {
    logger.warn(
      `SOUS_BLUESKY_FIREHOSE_URL is set, but reading the verified firehose is not built yet: listening reads ${options.config.jetstreamUrl}`,
    )
  }
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  let compiled: Compiled | undefined
  let consumer: JetstreamConsumer | undefined
  let state: { state: ConsumerState | 'idle'; detail: string | null } = {
    state: 'idle',
    detail: null,
  }
  let stopped = false
  let ticking: Promise<void> | undefined

  // One write at a time, in order: 'connecting' must never land after 'connected'.
  let reporting: Promise<void> = Promise.resolve()
  const report = () => {
    const snapshot = { ...state }
    reporting = reporting.then(() =>
      recordListenState(db, { source: JETSTREAM_SOURCE, holder, ...snapshot }).catch((error) =>
        logger.debug({ err: error }, 'listening state not recorded'),
      ),
    )
    return reporting
  }

  const onBatch = async (batch: JetstreamBatch) => {
    const current = compiled
    const matches: ListenMatch[] = []
    if (current) {
      for (const event of batch.posts) {
        const seen = new Set<string>()
        for (const id of current.matcher.match(event.post)) {
          const target = current.targets.get(id.slice(0, id.indexOf('#')))
          if (target && !seen.has(target.id)) {
            seen.add(target.id)
            matches.push({ target, event })
          }
        }
      }
    }
    const recorded = await recordListenMatches(database, {
      source: JETSTREAM_SOURCE,
      holder,
      matches,
      cursor: batch.cursor,
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

  const stopConsumer = async () => {
    const running = consumer
    consumer = undefined
    await running?.stop()
  }

  const tick = async () => {
    const targets = await loadListenTargets(db, crisisQueries, crisisSpikeSettings)
    compiled = compile(targets, compiled)
    if (targets.length === 0) {
      if (consumer) {
        await stopConsumer()
        await releaseListenLease(db, { source: JETSTREAM_SOURCE, holder, state: 'idle' })
      }
      return
    }
    const lease = await claimListenLease(db, {
      source: JETSTREAM_SOURCE,
      holder,
      ttlMs: leaseTtlMs,
    })
    if (!lease.held) {
      if (consumer) {
        logger.warn('listening lease taken over by another worker; this one stops consuming')
        await stopConsumer()
      }
      return
    }
    if (!consumer && !stopped) {
      consumer = startJetstreamConsumer({
        url: options.config.jetstreamUrl,
        cursor: lease.cursor,
        onBatch,
        onState: (next, detail) => {
          state = { state: next, detail }
          void report()
        },
        logger,
        flushMs: options.flushMs,
      })
    }
    await report()
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
      if (consumer) {
        await stopConsumer()
        await releaseListenLease(db, { source: JETSTREAM_SOURCE, holder, state: 'stopped' }).catch(
          () => {},
        )
      }
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

import type { Logger } from 'pino'
import { type Config, ConfigError } from './config.ts'
import { createLogger } from './logger.ts'
import type { Worker } from './queue/worker.ts'
import { connectWithRetry } from './runtime/connect-with-retry.ts'
import { limitHeapGrowth } from './runtime/limit-heap-growth.ts'
import type { HttpServer } from './runtime/listen-http.ts'
import { notReadyFetch } from './runtime/not-ready-fetch.ts'
import { loadSecret } from './security/load-secret.ts'
import type { Database } from './store/connect.ts'
import { type DataDirLock, lockDataDir } from './store/embedded/lock-data-dir.ts'

export const PROCESS_ROLES = ['all', 'web', 'worker'] as const
export type ProcessRole = (typeof PROCESS_ROLES)[number]

// Workers beat every 5 s; six missed beats mean no worker is taking jobs.
const WORKER_HEARTBEAT_MAX_AGE_MS = 30_000

export type Sous = {
  /** Where the web server listens; undefined for a worker-only process. */
  url?: string
  /** Resolves once the database is migrated and every part runs; rejects on a fatal start error. */
  ready: Promise<void>
  /** Stops accepting HTTP, lets work in flight finish within the grace, closes the database, releases the lock. */
  stop: () => Promise<void>
}

/**
 * One entry with roles: `all` (default), `web`, `worker`. HTTP listens before the database
 * is up and answers /readyz 503 until it is, so an unreachable PostgreSQL shows up in the
 * readiness probe and the logs instead of as a crash loop.
 */
export async function startSous(options: {
  config: Config
  role: ProcessRole
  logger?: Logger
}): Promise<Sous> {
  const { config, role } = options
  const logger = options.logger ?? createLogger(config)
  const started = performance.now()
  limitHeapGrowth()
  if (!config.databaseUrl && role !== 'all') {
    throw new ConfigError([
      `--role ${role}: without DATABASE_URL the database is embedded in ${config.dataDir}, which one process owns; use --role all, or set DATABASE_URL to run web and worker apart`,
    ])
  }

  if (config.allowPrivateNetwork) {
    logger.warn(
      'SOUS_ALLOW_PRIVATE_NETWORK=1: the SSRF guard lets user-supplied URLs reach loopback and private addresses. This is for tests with local peers only; never run a shared instance this way.',
    )
  }
  const lock: DataDirLock | undefined = config.databaseUrl ? undefined : lockDataDir(config.dataDir)
  let http: HttpServer | undefined
  let secret: Buffer
  try {
    secret = loadSecret(config)
    if (role !== 'worker') {
      const { listenHttp } = await import('./runtime/listen-http.ts')
      http = await listenHttp({
        host: config.host,
        port: config.port,
        fetch: notReadyFetch(() => 'database not connected yet'),
      })
      const publicNote = config.publicUrl === http.url ? '' : ` (public URL ${config.publicUrl})`
      logger.info({ url: http.url, role }, `Sous is listening on ${http.url}${publicNote}`)
    }
  } catch (error) {
    lock?.release()
    throw error
  }

  const abort = new AbortController()
  let database: Database | undefined
  let worker: Worker | undefined
  let listener: { stop: () => Promise<void> } | undefined
  let mastodonStreams: { stop: () => Promise<void> } | undefined
  let closeApp: (() => Promise<void>) | undefined
  const ready = (async () => {
    // Loaded while the database starts; each role loads only its part.
    const webModules = http
      ? Promise.all([import('./server/app.ts'), import('./queue/heartbeat.ts')])
      : undefined
    const workerModules =
      role === 'web'
        ? undefined
        : Promise.all([
            import('./queue/worker.ts'),
            import('./jobs/core-jobs.ts'),
            import('./jobs/deliver-job.ts'),
            import('./jobs/inbox-jobs.ts'),
            import('./jobs/measure-jobs.ts'),
            import('./jobs/curate-jobs.ts'),
            import('./jobs/people-jobs.ts'),
            import('./networks/registry.ts'),
          ])
    const db = await connectWithRetry({ config, logger, signal: abort.signal })
    database = db
    abort.signal.throwIfAborted()
    if (workerModules) {
      const [
        { startWorker },
        { coreJobDefinitions, coreRecurringJobs },
        { createDeliverJob },
        { createInboxJobs },
        { createMeasureJobs },
        { createCurateJobs },
        { createPeopleJobs },
        { createNetworkRegistry },
      ] = await workerModules
      const networks = createNetworkRegistry(config)
      const inbox = createInboxJobs({ networks, secret })
      const measure = createMeasureJobs({ networks, secret })
      const curate = createCurateJobs({ config })
      const people = createPeopleJobs({ networks, secret })
      worker = await startWorker({
        database: db,
        definitions: [
          ...coreJobDefinitions,
          createDeliverJob({ networks, secret }),
          ...curate.definitions,
          ...inbox.definitions,
          ...measure.definitions,
          ...people.definitions,
        ],
        recurring: [
          ...coreRecurringJobs,
          ...curate.recurring,
          ...inbox.recurring,
          ...measure.recurring,
          ...people.recurring,
        ],
        concurrency: config.workerConcurrency,
        role,
        logger,
      })
      abort.signal.throwIfAborted()
      mastodonStreams = (await import('./jobs/run-mastodon-streams.ts')).startMastodonStreams({
        database: db,
        secret,
        networks,
        logger,
      })
      if (config.listen)
        listener = (await import('./jobs/run-listener.ts')).startListener({
          database: db,
          config,
          logger,
          mastodon: { adapter: networks.mastodon, secret },
        })
    }
    if (http && webModules) {
      const [{ createApp }, { isWorkerAlive }] = await webModules
      const workerBeats = async () =>
        (await isWorkerAlive(db, WORKER_HEARTBEAT_MAX_AGE_MS))
          ? null
          : `no worker heartbeat in the last ${WORKER_HEARTBEAT_MAX_AGE_MS / 1000} s: start one with \`sous start --role worker\``
      const { app, close } = createApp({
        database: db,
        config,
        logger,
        secret,
        readinessChecks: [workerBeats],
      })
      http.setFetch((request, env) => app.fetch(request, env))
      closeApp = close
      const { instanceNeedsSetup } = await import('./store/queries/instance-needs-setup.ts')
      if (await instanceNeedsSetup(db.db))
        logger.warn(
          `Nobody is set up yet. Create the owner and first workspace: run \`sous setup\` in another terminal, or POST ${config.publicUrl}/api/v1/setup {"email","password","workspace"}`,
        )
    }
    logger.info(
      { role, startMs: Math.round(performance.now() - started) },
      `Sous is ready (${role}) in ${Math.round(performance.now() - started)} ms`,
    )
  })()
  ready.catch(() => {})

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      abort.abort(new Error('Sous stopped before it was ready'))
      const httpClosed = http?.close(config.shutdownGraceMs)
      await ready.catch(() => {})
      await Promise.all([
        httpClosed,
        listener?.stop(),
        mastodonStreams?.stop(),
        worker?.stop(config.shutdownGraceMs),
      ])
      // After the last request, before the database: the buffered clicks are written.
      await closeApp?.()
      await database?.close()
      lock?.release()
      logger.info('Sous stopped')
    })()
    return stopping
  }
  return { url: http?.url, ready, stop }
}

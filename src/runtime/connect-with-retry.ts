import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { connect, type Database } from '../store/connect.ts'
import { migrateDatabase, migrationsApplied } from '../store/migrate.ts'

const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 30_000
const PROBE_TIMEOUT_MS = 5_000

/**
 * The database, connected and migrated. PostgreSQL that cannot be reached is retried with
 * exponential backoff until `signal` aborts; an embedded database that fails to start is
 * fatal, since nothing outside this process could fix it by waiting.
 */
export async function connectWithRetry(options: {
  config: Pick<Config, 'databaseUrl' | 'dataDir'>
  logger: Logger
  signal: AbortSignal
}): Promise<Database> {
  const { config, logger, signal } = options
  if (!config.databaseUrl) {
    const database = await connect({ kind: 'embedded', dataDir: config.dataDir })
    try {
      await applyMigrations(database, logger)
      return database
    } catch (error) {
      await database.close()
      throw error
    }
  }

  const database = await connect({ kind: 'server', url: config.databaseUrl })
  for (let attempt = 1; ; attempt++) {
    try {
      signal.throwIfAborted()
      await probeDatabase(database.pool)
      await applyMigrations(database, logger)
      return database
    } catch (error) {
      if (signal.aborted) {
        await database.close()
        throw signal.reason
      }
      const delayMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1))
      const reason = (error as Error).message
      logger.warn(
        { attempt, retryInMs: delayMs, reason },
        `Database not reachable at ${redactUrl(config.databaseUrl)} (${reason}); retrying in ${delayMs / 1000} s`,
      )
      await sleep(delayMs, undefined, { signal }).catch(() => {})
    }
  }
}

// The count check first: drizzle's migrator cost ~160 ms more per start on an up-to-date folder.
async function applyMigrations(database: Database, logger: Logger): Promise<void> {
  if (await migrationsApplied(database.pool)) return
  const started = performance.now()
  await migrateDatabase(database.pool)
  logger.info(`Migrations applied in ${Math.round(performance.now() - started)} ms`)
}

// Through its own client with a timeout: a pool connect to an unroutable host would wait for
// the TCP timeout (minutes), and `stop()` with it.
export async function probeDatabase(pool: pg.Pool): Promise<void> {
  const client = new pg.Client({ ...pool.options, connectionTimeoutMillis: PROBE_TIMEOUT_MS })
  try {
    await client.connect()
    await client.query('select 1')
  } finally {
    await client.end().catch(() => {})
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable URL)'
  }
}

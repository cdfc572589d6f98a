import type { Config } from '../config.ts'
import { probeDatabase, redactUrl } from '../runtime/connect-with-retry.ts'
import { loadSecret } from '../security/load-secret.ts'
import { connect, type Database } from '../store/connect.ts'
import { lockDataDir } from '../store/embedded/lock-data-dir.ts'
import { migrateDatabase } from '../store/migrate.ts'
import { CliError } from './cli-error.ts'
import { step } from './progress.ts'

/**
 * The database for a one-shot command, migrated. Embedded, the command takes the data
 * folder's lock like `sous start` does, so it fails clearly while Sous runs.
 */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const url = config.databaseUrl
    const database = await connect({ kind: 'server', url })
    try {
      await probeDatabase(database.pool).catch((error: Error) => {
        throw new CliError(
          `Cannot reach the database at ${redactUrl(url)} (${error.message}): check DATABASE_URL and that PostgreSQL is running`,
        )
      })
      await step('Applying migrations', () => migrateDatabase(database.pool))
      return database
    } catch (error) {
      await database.close()
      throw error
    }
  }

  const lock = lockDataDir(config.dataDir)
  try {
    loadSecret(config)
    const database = await step(`Opening the database in ${config.dataDir}`, () =>
      connect({ kind: 'embedded', dataDir: config.dataDir }),
    )
    try {
      await step('Applying migrations', () => migrateDatabase(database.pool))
    } catch (error) {
      await database.close()
      throw error
    }
    return {
      ...database,
      close: async () => {
        await database.close()
        lock.release()
      },
    }
  } catch (error) {
    lock.release()
    throw error
  }
}

import type { Config } from '../config.ts'
import type { Db } from '../store/connect.ts'
import { DataDirLockedError } from '../store/embedded/lock-data-dir.ts'
import { openDatabase } from './open-database.ts'

/**
 * A one-shot command that works either way: on the database directly when nothing holds
 * it, or through the running Sous's API when Sous owns the embedded data folder (two
 * processes on one PGlite folder lose data, so the folder is never opened twice).
 */
export async function whileSousRuns<T>(
  config: Config,
  ways: { offline: (db: Db) => Promise<T>; online: () => Promise<T> },
): Promise<T> {
  let database: Awaited<ReturnType<typeof openDatabase>>
  try {
    database = await openDatabase(config)
  } catch (error) {
    if (error instanceof DataDirLockedError) return ways.online()
    throw error
  }
  try {
    return await ways.offline(database.db)
  } finally {
    await database.close()
  }
}

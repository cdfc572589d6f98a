import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connect, type Database } from '../src/store/connect.ts'
import { migrateDatabase } from '../src/store/migrate.ts'
import { createPostgresDatabase } from '../test/database.ts'

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://127.0.0.1:5432/test'

export type BenchDatabase = Database & { url?: string }

/** A new, migrated database: a PGlite folder of its own, or a new database on the PostgreSQL server. */
export async function freshDatabase(kind: 'embedded' | 'server'): Promise<BenchDatabase> {
  if (kind === 'server') return createPostgresDatabase(BENCH_DATABASE_URL, 'sous_bench')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sous-bench-'))
  const database = await connect({ kind: 'embedded', dataDir })
  await migrateDatabase(database.pool)
  return {
    ...database,
    close: async () => {
      await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type pg from 'pg'

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))
// Any constant shared by every Sous process; 4 processes migrating at once without the
// lock: 3 of 4 failed (ARCHITECTURE.md).
const MIGRATION_LOCK_KEY = 0x50_75_5e_01

/** Applies pending migrations under a session advisory lock, so concurrent starts are safe. */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER })
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  } finally {
    client.release()
  }
}

// The folder does not change while a process runs; reading it once keeps /readyz cheap.
let expectedMigrations: number | undefined

/** True when every migration in the folder is recorded as applied. */
export async function migrationsApplied(pool: pg.Pool): Promise<boolean> {
  expectedMigrations ??= (await import('drizzle-orm/migrator')).readMigrationFiles({
    migrationsFolder: MIGRATIONS_FOLDER,
  }).length
  const expected = expectedMigrations
  try {
    const { rows } = await pool.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    )
    return (rows[0]?.n ?? 0) >= expected
  } catch {
    return false
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/database.ts'
import { migrateDatabase, migrationsApplied } from './migrate.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database.close()
})

describe('migrations', () => {
  it('are recorded as applied and are idempotent when run again concurrently', async () => {
    expect(await migrationsApplied(database.pool)).toBe(true)
    await Promise.all([migrateDatabase(database.pool), migrateDatabase(database.pool)])
    const { rows } = await database.pool.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    )
    const { readdirSync } = await import('node:fs')
    const files = readdirSync(new URL('./migrations', import.meta.url)).filter((f) =>
      f.endsWith('.sql'),
    )
    expect(rows[0]?.n).toBe(files.length)
  })

  it('make the audit log append-only', async () => {
    await database.pool.query(`insert into audit_log (action) values ('test.event')`)
    await expect(database.pool.query(`update audit_log set action = 'x'`)).rejects.toThrow(
      /append-only/,
    )
    await expect(database.pool.query('delete from audit_log')).rejects.toThrow(/append-only/)
    await expect(database.pool.query('truncate audit_log')).rejects.toThrow(/append-only/)
    const { rows } = await database.pool.query('select action from audit_log')
    expect(rows).toEqual([{ action: 'test.event' }])
  })
})

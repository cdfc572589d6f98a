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

  it('give listening matches stored before 0022 the network their ids showed', async () => {
    const { readFileSync } = await import('node:fs')
    const migration = readFileSync(
      new URL('./migrations/0022_listen_match_network.sql', import.meta.url),
      'utf8',
    )
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^--.*$/gm, '').trim())
      .filter((statement) => statement.startsWith('UPDATE'))
    expect(backfill).toHaveLength(2)
    const { rows } = await database.pool.query<{ id: string }>(
      `insert into workspaces (name) values ('Backfill') returning id`,
    )
    const workspaceId = rows[0]?.id
    await database.pool.query(
      `insert into listen_matches (workspace_id, search_id, did, rkey, uri, text, posted_at)
       values ($1, gen_random_uuid(), 'did:plc:a', '3k', 'at://did:plc:a/app.bsky.feed.post/3k', 'a', now()),
         ($1, gen_random_uuid(), 'https://mastodon.example/@ann', 'https://mastodon.example/users/ann/statuses/1',
           'https://mastodon.example/@ann/1', 'b', now()),
         ($1, gen_random_uuid(), 'feed:5e1', 'i1', 'https://bakery.example/news/1', 'c', now())`,
      [workspaceId],
    )
    for (const statement of backfill) await database.pool.query(statement)
    const after = await database.pool.query(
      'select text, network from listen_matches where workspace_id = $1 order by text',
      [workspaceId],
    )
    expect(after.rows).toEqual([
      { text: 'a', network: 'bluesky' },
      { text: 'b', network: 'mastodon' },
      { text: 'c', network: null },
    ])
  })
})

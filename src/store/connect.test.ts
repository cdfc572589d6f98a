import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_BACKEND, type TestDatabase } from '../../test/database.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database.close()
})

describe('connect', () => {
  it('gives every query its own results while another caller holds a transaction', async () => {
    let inTransactions = true
    const transactions = database.db
      .transaction(async (tx) => {
        for (let i = 0; i < 20; i++) await tx.execute(sql`select ${i}::int`)
      })
      .then(async () => {
        for (let i = 0; i < 20; i++) {
          await database.db.transaction(async (tx) => {
            await tx.execute(sql`select ${i}::int as i`)
          })
        }
      })
      .finally(() => {
        inTransactions = false
      })
    const mismatches: string[] = []
    const caller = async (name: string) => {
      for (let i = 0; inTransactions || i < 5; i++) {
        const { rows } = await database.pool.query<{ i: number; name: string }>(
          'select $1::int as i, $2::text as name',
          [i, name],
        )
        if (rows[0]?.i !== i || rows[0]?.name !== name) mismatches.push(JSON.stringify(rows))
      }
    }
    await Promise.all([transactions, caller('a'), caller('b'), caller('c')])
    expect(mismatches).toEqual([])
  })

  // PGlite is one process: it has neither.
  it.runIf(TEST_BACKEND === 'postgres')(
    'opens server connections without JIT or parallel workers',
    async () => {
      const { rows } = await database.pool.query<{ jit: string; workers: string }>(
        `select current_setting('jit') as jit,
          current_setting('max_parallel_workers_per_gather') as workers`,
      )
      expect(rows[0]).toEqual({ jit: 'off', workers: '0' })
    },
  )

  it('prepares a named statement again on a connection that replaced another', async () => {
    const named = () =>
      database.pool.query({ name: 'sous_test_replaced', text: 'select $1::int as n', values: [7] })
    expect((await named()).rows).toEqual([{ n: 7 }])
    const client = await database.pool.connect()
    client.release(true) // destroyed: the pool opens a new connection for the next query
    expect((await named()).rows).toEqual([{ n: 7 }])
  })

  // pg 8 warns of a query sent while another runs, and pg 9 refuses it.
  it.runIf(TEST_BACKEND === 'embedded')(
    'hands out a new embedded connection only once its setup has run',
    async () => {
      const old = await database.pool.connect()
      old.release(true) // destroyed: the next connect opens a new connection
      const client = await database.pool.connect()
      try {
        // pg's own state: nothing running or waiting on a connection just handed out.
        const state = client as unknown as { _activeQuery: unknown; _queryQueue: unknown[] }
        expect({ active: state._activeQuery ?? null, queued: state._queryQueue.length }).toEqual({
          active: null,
          queued: 0,
        })
        const { rows } = await client.query<{ cost: string }>(
          "select current_setting('random_page_cost') as cost",
        )
        expect(rows).toEqual([{ cost: '1.1' }])
      } finally {
        client.release()
      }
    },
  )
})

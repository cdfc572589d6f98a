import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/database.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database.close()
})

// Prepared statements belong to one connection; embedded has only one, and on PostgreSQL a
// client held for the test keeps every query on the same one.
async function preparedOn(client: { query: typeof database.pool.query }, like: string) {
  const { rows } = await client.query<{ statement: string }>(
    'select statement from pg_prepared_statements where statement like $1',
    [like],
  )
  return rows.map((row) => row.statement)
}

describe('statements sent again and again', () => {
  it('are prepared once, on their second use, and keep answering with their own values', async () => {
    const client = await database.pool.connect()
    try {
      const text = 'select $1::int * 2 as doubled /* prepared-client test */'
      const answers = []
      for (let i = 0; i < 5; i++) answers.push((await client.query(text, [i])).rows[0].doubled)
      expect(answers).toEqual([0, 2, 4, 6, 8])
      expect(await preparedOn(client, '%prepared-client test%')).toEqual([text])
    } finally {
      client.release()
    }
  })

  it('leave a statement used once, and bulk statements, unprepared', async () => {
    const client = await database.pool.connect()
    try {
      await client.query('select $1::int as once /* used once */', [1])
      const long = `select $1::text as bulk /* bulk ${'x'.repeat(9_000)} */`
      for (let i = 0; i < 3; i++) await client.query(long, ['b'])
      expect(await preparedOn(client, '%used once%')).toEqual([])
      expect(await preparedOn(client, '%bulk x%')).toEqual([])
    } finally {
      client.release()
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'

let t: TestApp
let workerProblem: string | null = null
beforeAll(async () => {
  t = await createTestApp({ readinessChecks: [async () => workerProblem] })
})
afterAll(async () => {
  await t.close()
})

describe('health', () => {
  it('healthz says alive', async () => {
    const res = await t.request('GET', '/healthz')
    expect(res).toMatchObject({ status: 200, json: { status: 'ok' } })
  })

  it('readyz is 200 with the database migrated and every check passing, 503 naming what is not', async () => {
    expect((await t.request('GET', '/readyz')).status).toBe(200)
    workerProblem = 'no worker heartbeat in the last 30 s'
    const res = await t.request('GET', '/readyz')
    expect(res.status).toBe(503)
    expect(res.json.problems).toEqual(['no worker heartbeat in the last 30 s'])
    workerProblem = null
  })

  it('readyz is 503 when migrations are missing', async () => {
    await t.database.pool.query('alter table drizzle.__drizzle_migrations rename to __hidden')
    const res = await t.request('GET', '/readyz')
    expect(res.status).toBe(503)
    expect(res.json.problems).toContain('database migrations are not applied')
    await t.database.pool.query('alter table drizzle.__hidden rename to __drizzle_migrations')
  })
})

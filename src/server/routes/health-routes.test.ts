import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { listenLeases } from '../../store/schema/index.ts'

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

  it('readyz stays 200 while a listening source is unreachable or behind, reporting each by its kind', async () => {
    const held = { holder: 'worker-1', expiresAt: new Date(Date.now() + 60_000) }
    await t.database.db.insert(listenLeases).values([
      { source: 'jetstream', ...held, state: 'connected', lastEventAt: new Date(), lagSeconds: 1 },
      {
        source: 'mastodon:down.example',
        ...held,
        state: 'backing_off',
        detail: 'connect ECONNREFUSED 203.0.113.9:443',
        lastEventAt: new Date(Date.now() - 300_000),
      },
    ])
    const listening = [
      { kind: 'bluesky', state: 'connected', lagSeconds: 1, behind: false },
      {
        kind: 'mastodon',
        state: 'backing_off',
        lagSeconds: expect.toSatisfy((s: number) => s >= 300 && s < 310),
        behind: true,
      },
    ]
    const res = await t.request('GET', '/readyz')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ status: 'ready', problems: [], listening })
    // Public: which instances the workspaces use, and why one refuses, stay out of it.
    expect(res.text).not.toContain('down.example')
    expect(res.text).not.toContain('ECONNREFUSED')

    workerProblem = 'no worker heartbeat in the last 30 s'
    const unready = await t.request('GET', '/readyz')
    expect(unready.status).toBe(503)
    expect(unready.json).toEqual({ status: 'not_ready', problems: [workerProblem], listening })
    workerProblem = null
    await t.database.db.delete(listenLeases)
  })

  it('readyz is 503 when migrations are missing', async () => {
    await t.database.pool.query('alter table drizzle.__drizzle_migrations rename to __hidden')
    const res = await t.request('GET', '/readyz')
    expect(res.status).toBe(503)
    expect(res.json.problems).toContain('database migrations are not applied')
    await t.database.pool.query('alter table drizzle.__hidden rename to __drizzle_migrations')
  })
})

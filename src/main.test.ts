import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_BACKEND, type TestDatabase } from '../test/database.ts'
import { loadConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { type Sous, startSous } from './main.ts'
import { listenLeases } from './store/schema/index.ts'

describe('startSous with an unreachable database', () => {
  let sous: Sous | undefined
  afterEach(() => sous?.stop())

  it('listens at once, answers /readyz 503 and problem+json 503 until the database is up', async () => {
    const config = loadConfig({
      SOUS_PORT: '0',
      // Nothing listens on port 1: every connection attempt is refused.
      DATABASE_URL: 'postgres://127.0.0.1:1/sous',
      SOUS_SECRET: 'a test secret that is long enough to be accepted',
      LOG_LEVEL: 'silent',
    })
    sous = await startSous({ config, role: 'web', logger: createLogger(config) })

    const health = await fetch(`${sous.url}/healthz`)
    expect(health.status).toBe(200)
    const ready = await fetch(`${sous.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({
      status: 'not_ready',
      problems: ['database not connected yet'],
    })
    const api = await fetch(`${sous.url}/api/v1/me`)
    expect(api.status).toBe(503)
    expect(api.headers.get('content-type')).toBe('application/problem+json')
  })

  it('stops promptly while it is still retrying', async () => {
    const config = loadConfig({
      SOUS_PORT: '0',
      DATABASE_URL: 'postgres://127.0.0.1:1/sous',
      SOUS_SECRET: 'a test secret that is long enough to be accepted',
      LOG_LEVEL: 'silent',
    })
    const started = await startSous({ config, role: 'web' })
    await new Promise((resolve) => setTimeout(resolve, 700))
    const stopping = performance.now()
    await started.stop()
    expect(performance.now() - stopping).toBeLessThan(1000)
    await expect(started.ready).rejects.toThrow('Sous stopped before it was ready')
  })

  it('refuses the web or worker role without DATABASE_URL', async () => {
    const config = loadConfig({ SOUS_DATA_DIR: '/nonexistent/sous', LOG_LEVEL: 'silent' })
    await expect(startSous({ config, role: 'worker' })).rejects.toThrow(
      /--role worker: without DATABASE_URL/,
    )
  })
})

/** A Sous on a test database of its own, on a free port. */
const configOn = (database: TestDatabase, env: Record<string, string> = {}) =>
  loadConfig({
    SOUS_PORT: '0',
    DATABASE_URL: database.url,
    SOUS_SECRET: 'a test secret that is long enough to be accepted',
    LOG_LEVEL: 'silent',
    ...env,
  })

describe.skipIf(TEST_BACKEND !== 'postgres')(
  'web and worker as separate processes (PostgreSQL only: embedded runs one process)',
  () => {
    let database: TestDatabase | undefined
    const started: Sous[] = []
    afterEach(async () => {
      await Promise.all(started.splice(0).map((sous) => sous.stop()))
      await database?.close()
    })

    it('the web role is ready only while a worker beats', async () => {
      database = await createTestDatabase()
      const config = configOn(database)
      const web = await startSous({ config, role: 'web' })
      started.push(web)
      await web.ready
      const alone = await fetch(`${web.url}/readyz`)
      expect(alone.status).toBe(503)
      expect(((await alone.json()) as { problems: string[] }).problems).toEqual([
        expect.stringContaining('no worker heartbeat in the last 30 s'),
      ])

      const worker = await startSous({ config, role: 'worker' })
      started.push(worker)
      await worker.ready
      expect(worker.url).toBeUndefined()
      expect((await fetch(`${web.url}/readyz`)).status).toBe(200)
    })
  },
)

describe.skipIf(TEST_BACKEND !== 'postgres')(
  'readiness while listening struggles (PostgreSQL only: an embedded database belongs to one process)',
  () => {
    let database: TestDatabase | undefined
    let sous: Sous | undefined
    afterEach(async () => {
      await sous?.stop()
      await database?.close()
    })

    it('stays ready while a listening source is unreachable, saying how far behind it is', async () => {
      database = await createTestDatabase()
      sous = await startSous({ config: configOn(database, { SOUS_LISTEN: '0' }), role: 'all' })
      await sous.ready
      // A Mastodon instance another worker reads, refusing for ten minutes.
      await database.db.insert(listenLeases).values({
        source: 'mastodon:down.example',
        holder: 'another-worker',
        expiresAt: new Date(Date.now() + 3_600_000),
        state: 'backing_off',
        lastEventAt: new Date(Date.now() - 600_000),
      })
      const ready = await fetch(`${sous.url}/readyz`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({
        status: 'ready',
        problems: [],
        listening: [
          { kind: 'mastodon', state: 'backing_off', lagSeconds: expect.any(Number), behind: true },
        ],
      })
    })
  },
)

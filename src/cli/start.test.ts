import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_BACKEND } from '../../test/database.ts'
import {
  createSousHome,
  type RunningSous,
  runSous,
  type SousHome,
  startSousProcess,
  waitUntilReady,
} from '../../test/sous-process.ts'

const PASSWORD = 'correct horse battery'
const embedded = TEST_BACKEND === 'embedded'

// One data folder through a user's first day: setup, start, log in, a token, stop.
describe('sous setup, start and stop', () => {
  let home: SousHome
  let sous: RunningSous

  beforeAll(async () => {
    home = await createSousHome()
  })
  afterAll(async () => {
    sous?.child.kill('SIGKILL')
    await home.cleanup()
  })

  it('setup --password-stdin creates the owner and the workspace', async () => {
    const run = await runSous(
      ['setup', '--email', 'Owner@Example.com', '--workspace', 'Acme', '--password-stdin'],
      { env: home.env, input: `${PASSWORD}\n` },
    )
    expect(run.stderr).toMatch(/Applying migrations… done in \d+ ms/)
    expect(run.stdout).toContain('owner@example.com owns the workspace "Acme"')
    expect(run.code).toBe(0)
  })

  it('setup a second time fails and says why', async () => {
    const run = await runSous(
      ['setup', '--email', 'x@example.com', '--workspace', 'B', '--password-stdin'],
      { env: home.env, input: PASSWORD },
    )
    expect(run.stderr).toContain('Error: Sous is already set up')
    expect(run.stderr).not.toContain('    at ')
    expect(run.code).toBe(1)
  })

  it.skipIf(!embedded)('start takes over a stale pid file (embedded only)', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(path.join(home.dataDir, 'sous.pid'), `${dead}\n`)
    sous = await startSousProcess(home.env)
    await waitUntilReady(sous.url)
    expect(readFileSync(path.join(home.dataDir, 'sous.pid'), 'utf8').trim()).toBe(
      String(sous.child.pid),
    )
  })

  it('start serves /readyz 200 and the owner logs in over HTTP', async () => {
    sous ??= await startSousProcess(home.env)
    await waitUntilReady(sous.url)
    const login = await fetch(`${sous.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('set-cookie')).toMatch(/^sous_session=/)
  })

  it.skipIf(!embedded)(
    'a second start on the same data folder exits 1 naming it and the pid',
    async () => {
      const second = await runSous(['start'], { env: home.env })
      expect(second.stderr).toContain(`Sous is running (pid ${sous.child.pid}) on ${home.dataDir}`)
      expect(second.code).toBe(1)
    },
  )

  it.skipIf(!embedded)('one-shot commands refuse the folder while Sous runs', async () => {
    const run = await runSous(['migrate'], { env: home.env })
    expect(run.stderr).toContain(`Sous is running (pid ${sous.child.pid})`)
    expect(run.code).toBe(1)
  })

  it('SIGTERM stops within the grace period with exit 0 and removes the pid file', async () => {
    const started = performance.now()
    sous.child.kill('SIGTERM')
    expect(await sous.exited).toBe(0)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(sous.output().stdout).toContain('Sous stopped')
    expect(existsSync(path.join(home.dataDir, 'sous.pid'))).toBe(false)
  })

  it('token create prints a token once that the API accepts', async () => {
    const run = await runSous(
      ['token', 'create', '--email', 'owner@example.com', '--workspace', 'acme', '--name', 'cron'],
      { env: { ...home.env }, input: PASSWORD },
    )
    // No --password-stdin and no terminal: a usage error.
    expect(run.code).toBe(2)
    const created = await runSous(
      [
        'token',
        'create',
        '--email',
        'owner@example.com',
        '--workspace',
        'acme',
        '--name',
        'cron',
        '--password-stdin',
      ],
      { env: home.env, input: PASSWORD },
    )
    expect(created.code).toBe(0)
    const token = created.stdout.trim()
    expect(token).toMatch(/^sous_pat_[\w-]{43}$/)

    sous = await startSousProcess(home.env)
    await waitUntilReady(sous.url)
    const me = await fetch(`${sous.url}/api/v1/workspaces`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.status).toBe(200)
    sous.child.kill('SIGTERM')
    expect(await sous.exited).toBe(0)
  })
})

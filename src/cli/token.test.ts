import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSousHome,
  type RunningSous,
  runSous,
  type SousHome,
  startSousProcess,
  waitUntilReady,
} from '../../test/sous-process.ts'

const PASSWORD = 'correct horse battery'

// The order a new user follows: start Sous first, then set it up and make tokens while it
// runs (the embedded folder belongs to the running process, so the CLI goes through its API).
describe('sous setup and sous token against a running Sous', () => {
  let home: SousHome
  let sous: RunningSous
  const sousCli = (args: string[], input = PASSWORD) =>
    runSous(args, { env: { ...home.env, SOUS_PUBLIC_URL: sous.url }, input })
  const asOwner = ['--email', 'owner@example.com', '--password-stdin']

  beforeAll(async () => {
    home = await createSousHome()
    sous = await startSousProcess(home.env)
    await waitUntilReady(sous.url)
  })
  afterAll(async () => {
    sous?.child.kill('SIGKILL')
    await home?.cleanup()
  })

  it('says what to do on an empty instance, then sets up through the API', async () => {
    await expect.poll(() => sous.output().stdout, { timeout: 10_000 }).toMatch(/sous setup/)
    const setup = await sousCli([
      'setup',
      '--email',
      'owner@example.com',
      '--workspace',
      'Acme',
      '--password-stdin',
    ])
    expect(setup.stderr).not.toMatch(/running/)
    expect(setup.code, setup.stderr).toBe(0)
    expect(setup.stdout).toContain('owns the workspace "Acme"')
  })

  it('creates, lists and revokes tokens', async () => {
    const created = await sousCli([
      'token',
      'create',
      '--workspace',
      'Acme',
      '--name',
      'cron',
      ...asOwner,
    ])
    expect(created.code, created.stderr).toBe(0)
    const token = created.stdout.trim()
    expect(token).toMatch(/^sous_pat_/)

    const listed = await sousCli(['token', 'list', '--token', token])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toMatch(/"cron".*active, last used/)
    const id = listed.stdout.split(' ')[0] ?? ''

    const revoked = await sousCli(['token', 'revoke', id, ...asOwner])
    expect(revoked.code, revoked.stderr).toBe(0)
    const after = await sousCli(['token', 'list', ...asOwner])
    expect(after.stdout).toMatch(/"cron".*revoked/)
    const refused = await sousCli(['token', 'list', '--token', token])
    expect(refused.code).toBe(1)
  })
})

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

// The brake from a terminal, against a running Sous: the CLI acts through the API, as a person.
describe('sous brake', () => {
  let home: SousHome
  let sous: RunningSous
  const brake = (args: string[], input = PASSWORD) =>
    runSous(['brake', ...args, '--url', sous.url], { env: home.env, input })
  const asOwner = ['--email', 'owner@example.com', '--password-stdin']

  beforeAll(async () => {
    home = await createSousHome()
    const setup = await runSous(
      ['setup', '--email', 'owner@example.com', '--workspace', 'Acme', '--password-stdin'],
      { env: home.env, input: PASSWORD },
    )
    expect(setup.code, setup.stderr).toBe(0)
    sous = await startSousProcess(home.env)
    await waitUntilReady(sous.url)
  })
  afterAll(async () => {
    sous?.child.kill('SIGKILL')
    await home?.cleanup()
  })

  it('pulls the instance brake, shows it, and releases it', async () => {
    const on = await brake(['on', '--reason', 'Crisis: hold everything', ...asOwner])
    expect(on.stderr).toBe('')
    expect(on.stdout).toContain('Brake on for the whole instance')
    expect(on.code).toBe(0)

    const status = await brake(['status', ...asOwner])
    expect(status.stdout).toMatch(/^ON {2}the whole instance since .* — Crisis: hold everything/)

    // The API sees the same brake, engaged by the person who logged in.
    const login = await fetch(`${sous.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
    const listed = (await (
      await fetch(`${sous.url}/api/v1/brake`, { headers: { cookie } })
    ).json()) as { items: unknown[] }
    expect(listed.items).toHaveLength(1)
    expect(listed.items[0]).toMatchObject({ scope: 'instance', reason: 'Crisis: hold everything' })

    const off = await brake(['off', ...asOwner])
    expect(off.stdout).toContain('Released the brake on the whole instance')
    expect(off.code).toBe(0)
    expect((await brake(['status', ...asOwner])).stdout).toContain('No brake is on')
  })

  it('brakes one workspace by name, and says what is wrong with a bad call', async () => {
    const on = await brake(['on', '--workspace', 'acme', '--reason', 'Wrong prices', ...asOwner])
    expect(on.stdout).toContain('Brake on for the workspace "Acme"')
    const missing = await brake(['on', '--workspace', 'Nope', '--reason', 'x', ...asOwner])
    expect(missing.stderr).toContain('You have no workspace "Nope"; yours: "Acme"')
    expect(missing.code).toBe(1)
    const wrongPassword = await brake(['status', ...asOwner], 'not the password')
    expect(wrongPassword.stderr).toMatch(/Error: .*(email|password)/i)
    expect(wrongPassword.code).toBe(1)
    const off = await brake(['off', '--workspace', 'Acme', ...asOwner])
    expect(off.code).toBe(0)
  })

  it('without a login, or with Sous not running, says what to do', async () => {
    const noLogin = await brake(['status'])
    expect(noLogin.stderr).toContain('log in with --email, or pass --token')
    expect(noLogin.code).toBe(2)
    const nowhere = await runSous(
      ['brake', 'status', '--url', 'http://127.0.0.1:9', '--token', 'sous_x'],
      { env: home.env },
    )
    expect(nowhere.stderr).toContain('Cannot reach Sous at http://127.0.0.1:9')
    expect(nowhere.code).toBe(1)
  })
})

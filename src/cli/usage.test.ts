import { describe, expect, it } from 'vitest'
import { runSous } from '../../test/sous-process.ts'

describe('sous usage and configuration errors', () => {
  it('lists every configuration problem without a stack trace and exits 1', async () => {
    const run = await runSous(['start'], {
      env: { SOUS_PORT: 'abc', DATABASE_URL: 'mysql://x' },
    })
    expect(run.stderr).toContain('Invalid configuration:')
    expect(run.stderr).toContain('SOUS_PORT')
    expect(run.stderr).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL')
    expect(run.stderr).not.toContain('    at ')
    expect(run.code).toBe(1)
  })

  it('exits 2 on an unknown option, an unknown command or a bad --role', async () => {
    const unknownOption = await runSous(['start', '--bogus'], { env: {} })
    expect(unknownOption.stderr).toContain("unknown option '--bogus'")
    expect(unknownOption.code).toBe(2)
    expect((await runSous(['bogus'], { env: {} })).code).toBe(2)
    expect((await runSous(['start', '--role', 'cook'], { env: {} })).code).toBe(2)
  })

  it('prints help for every command and exits 0', async () => {
    for (const command of [
      'start',
      'migrate',
      'setup',
      'token create',
      'doctor',
      'brake on',
      'brake off',
      'brake status',
    ]) {
      const run = await runSous([...command.split(' '), '--help'], { env: {} })
      expect(run.stdout).toContain(`Usage: sous ${command}`)
      expect(run.code).toBe(0)
    }
  })

  it('refuses --role web without DATABASE_URL and says why', async () => {
    const run = await runSous(['start', '--role', 'web'], {
      env: { SOUS_DATA_DIR: '/nonexistent/never-created' },
    })
    expect(run.stderr).toContain('--role web: without DATABASE_URL')
    expect(run.code).toBe(1)
  })
})

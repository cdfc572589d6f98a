import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSousHome, runSous, type SousHome } from '../../test/sous-process.ts'

describe('sous doctor', () => {
  let home: SousHome

  beforeAll(async () => {
    home = await createSousHome()
  })
  afterAll(() => home.cleanup())

  it('reports ✓ for each check and exits 0 on a healthy setup', async () => {
    await runSous(['migrate'], { env: home.env })
    const run = await runSous(['doctor'], { env: home.env })
    expect(run.stdout).toContain('✓ The configuration is valid')
    expect(run.stdout).toContain('✓ The database is reachable')
    expect(run.stdout).toContain('✓ Every migration is applied')
    expect(run.stdout).not.toContain('✗')
    expect(run.code).toBe(0)
  })

  it('reports ✗ with a fix for a data folder it cannot write, and exits 1', async () => {
    // Root writes anywhere, so the folder is made impossible: its parent is a file.
    const file = path.join(home.dir, 'a-file')
    writeFileSync(file, '')
    // Embedded mode on either backend: the data folder holds the database only there.
    const run = await runSous(['doctor'], { env: { SOUS_DATA_DIR: path.join(file, 'data') } })
    expect(run.stdout).toMatch(/✗ The data folder .*a-file\/data is not writable/)
    expect(run.stdout).toMatch(/fix: set SOUS_DATA_DIR to a folder/)
    expect(run.code).toBe(1)
  })

  it('reports ✗ with a fix for a data folder other users can write, and ✓ once fixed', async () => {
    const dataDir = path.join(home.dir, 'open-data')
    mkdirSync(dataDir, { mode: 0o777 })
    chmodSync(dataDir, 0o777)
    writeFileSync(path.join(dataDir, 'secret.key'), 'k'.repeat(32), { mode: 0o666 })
    chmodSync(path.join(dataDir, 'secret.key'), 0o666)
    const env = { SOUS_DATA_DIR: dataDir }

    const open = await runSous(['doctor'], { env })
    expect(open.stdout).toContain(
      '✗ Other users can write 2 file(s) and folder(s) in the data folder',
    )
    expect(open.stdout).toContain(`fix: chmod -R go-rwx ${dataDir}`)
    expect(open.code).toBe(1)

    expect(spawnSync('chmod', ['-R', 'go-rwx', dataDir]).status).toBe(0)
    const fixed = await runSous(['doctor'], { env })
    expect(fixed.stdout).toContain('✓ Other users cannot write in the data folder')
    expect(fixed.code).toBe(0)
  })

  it('reports ✗ with a fix for bad configuration, and exits 1', async () => {
    const run = await runSous(['doctor'], { env: { ...home.env, SOUS_PORT: 'abc' } })
    expect(run.stdout).toContain('✗ The configuration is invalid')
    expect(run.stdout).toContain('SOUS_PORT')
    expect(run.stdout).toContain('fix: ')
    expect(run.code).toBe(1)
  })
})

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_BACKEND } from '../../../test/database.ts'
import { type RunningSous, startSousProcess, waitUntilReady } from '../../../test/sous-process.ts'

// The first start creates the database (initdb, ~600 MB of wasm memory at its peak). Done in
// the serving process, that memory stayed for the process's life: ~890 MB RSS on a 1 GB server.
describe.skipIf(TEST_BACKEND !== 'embedded')(
  'the first sous start on a new data folder (embedded only: initdb is PGlite’s)',
  () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sous-first-start-'))
    let sous: RunningSous | undefined
    afterAll(async () => {
      sous?.child.kill('SIGKILL')
      await sous?.exited
      rmSync(dir, { recursive: true, force: true })
    })

    it('creates the database and keeps less than 450 MB once ready (was ~890 MB; ~280 on Node 20, ~370 on Node 24)', async () => {
      const dataDir = path.join(dir, 'data')
      sous = await startSousProcess({ SOUS_DATA_DIR: dataDir, SOUS_PORT: '0' })
      await waitUntilReady(sous.url, 60_000)
      const status = readFileSync(`/proc/${sous.child.pid}/status`, 'utf8')
      const rssMb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1]) / 1024
      expect(rssMb).toBeLessThan(450)
      expect(readdirSync(dataDir).sort()).toEqual(['pg', 'run', 'secret.key', 'sous.pid'])
    }, 90_000)
  },
)

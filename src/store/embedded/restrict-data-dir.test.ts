import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TEMPLATE_DIR, TEST_BACKEND } from '../../../test/database.ts'
import { connect } from '../connect.ts'
import { listWritableByOthers } from './restrict-data-dir.ts'

describe.skipIf(TEST_BACKEND !== 'embedded')(
  'the embedded data folder is its owner’s alone (embedded only: the folder is PGlite’s)',
  () => {
    const made: string[] = []
    afterEach(() => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
    })

    it('a folder fresh from initdb (the test template) has no file others can read or write', () => {
      expect(modesOpenToOthers(TEMPLATE_DIR)).toEqual([])
      expect(statSync(TEMPLATE_DIR).mode & 0o777).toBe(0o700)
    })

    it('a folder an older Sous left open (files 0666) is closed once the database opens', async () => {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'sous-modes-'))
      made.push(parent)
      const dataDir = path.join(parent, 'data')
      cpSync(TEMPLATE_DIR, dataDir, { recursive: true })
      writeFileSync(path.join(dataDir, 'secret.key'), 'x'.repeat(32), { mode: 0o644 })
      openToEveryone(dataDir)
      expect(listWritableByOthers(dataDir).length).toBeGreaterThan(900)

      const database = await connect({ kind: 'embedded', dataDir })
      await database.pool.query('create table after_open (id int)')
      await database.close()

      expect(listWritableByOthers(dataDir)).toEqual([])
      expect(modesOpenToOthers(dataDir)).toEqual([])
    })
  },
)

function openToEveryone(dir: string) {
  walkSync(dir, (entry, isDir) => chmodSync(entry, isDir ? 0o777 : 0o666))
}

function modesOpenToOthers(dir: string): string[] {
  const open: string[] = []
  walkSync(dir, (entry) => {
    const mode = statSync(entry).mode & 0o777
    if (mode & 0o077) open.push(`${mode.toString(8)} ${path.relative(dir, entry)}`)
  })
  return open
}

function walkSync(dir: string, visit: (entry: string, isDir: boolean) => void) {
  visit(dir, true)
  for (const entry of readdirEntries(dir)) {
    const full = path.join(entry.parentPath, entry.name)
    if (entry.isSymbolicLink() || entry.isSocket()) continue
    visit(full, entry.isDirectory())
  }
}

function readdirEntries(dir: string) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
}

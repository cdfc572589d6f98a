import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, LOCK_FILE, lockDataDir, readLockState } from './lock-data-dir.ts'

describe('lockDataDir', () => {
  let dataDir: string
  const lockFile = () => path.join(dataDir, LOCK_FILE)

  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sous-lock-')), 'data')
  })
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }))

  it('creates the folder and a pid file, and removes it on release', () => {
    const lock = lockDataDir(dataDir)
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`)
    expect(readLockState(dataDir)).toEqual({ state: 'held', pid: process.pid })
    lock.release()
    expect(existsSync(lockFile())).toBe(false)
    expect(readLockState(dataDir)).toEqual({ state: 'free' })
  })

  it('refuses a folder whose pid is alive, naming the folder and the pid', async () => {
    const holder = spawn('sleep', ['30'])
    try {
      writeFileSync(path.join(dataDirMade(), LOCK_FILE), `${holder.pid}\n`)
      const error = catchError(() => lockDataDir(dataDir))
      expect(error).toBeInstanceOf(DataDirLockedError)
      expect(error.message).toBe(
        `Sous is running (pid ${holder.pid}) on ${dataDir}: stop it first, or use its API`,
      )
      expect(readFileSync(lockFile(), 'utf8')).toBe(`${holder.pid}\n`)
    } finally {
      holder.kill()
    }
  })

  it('refuses a second lock in the same process', () => {
    const lock = lockDataDir(dataDir)
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
    lock.release()
  })

  it('takes over a lock whose pid is gone', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(path.join(dataDirMade(), LOCK_FILE), `${dead}\n`)
    expect(readLockState(dataDir)).toEqual({ state: 'stale', pid: dead })
    const lock = lockDataDir(dataDir)
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`)
    lock.release()
  })

  it('takes over its own pid left by a crashed process (a restarted container is pid 1 again)', () => {
    writeFileSync(path.join(dataDirMade(), LOCK_FILE), `${process.pid}\n`)
    lockDataDir(dataDir).release()
  })

  it('takes over an old unreadable lock, but waits out a young empty one', () => {
    writeFileSync(path.join(dataDirMade(), LOCK_FILE), 'garbage')
    utimesSync(lockFile(), new Date(0), new Date(0))
    lockDataDir(dataDir).release()

    // A young empty file is a holder between its open and its write; it never gets written here.
    writeFileSync(lockFile(), '')
    const started = performance.now()
    lockDataDir(dataDir).release()
    expect(performance.now() - started).toBeGreaterThan(900)
  })

  function dataDirMade() {
    lockDataDir(dataDir).release()
    return dataDir
  }
})

function catchError(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

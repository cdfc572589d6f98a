import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isZombie } from '../../../test/sous-process.ts'
import { DataDirLockedError, LOCK_FILE, lockDataDir, readLockState } from './lock-data-dir.ts'

const LOCK_MODULE = new URL('./lock-data-dir.ts', import.meta.url).href

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

  it('refuses a folder whose holder is alive, naming the folder and the pid', async () => {
    const holder = await holdLockInChild(dataDir)
    try {
      const error = catchError(() => lockDataDir(dataDir))
      expect(error).toBeInstanceOf(DataDirLockedError)
      expect(error.message).toBe(
        `Sous is running (pid ${holder.pid}) on ${dataDir}: stop it first, or use its API`,
      )
      expect(readFileSync(lockFile(), 'utf8')).toBe(`${holder.pid}\n`)
    } finally {
      holder.stop()
    }
  })

  it('takes over a lock whose holder was killed and is a zombie not yet reaped', async () => {
    const holder = await holdLockInChild(dataDir)
    try {
      process.kill(holder.pid, 'SIGKILL')
      while (!isZombie(holder.pid)) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(readLockState(dataDir)).toEqual({ state: 'stale', pid: holder.pid })
      lockDataDir(dataDir).release()
    } finally {
      holder.stop()
    }
  })

  it('takes over a lock whose pid another live program got since (pid reuse)', () => {
    const stranger = spawn('sleep', ['30'])
    try {
      writeFileSync(path.join(dataDirMade(), LOCK_FILE), `${stranger.pid}\n`)
      expect(readLockState(dataDir)).toEqual({ state: 'stale', pid: stranger.pid })
      const lock = lockDataDir(dataDir)
      expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`)
      lock.release()
    } finally {
      stranger.kill()
    }
  })

  it('creates the folder for its owner only and the pid file readable by its owner only', () => {
    lockDataDir(dataDir).release()
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    const lock = lockDataDir(dataDir)
    expect(statSync(lockFile()).mode & 0o777).toBe(0o600)
    lock.release()
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

/**
 * Another process that takes the lock, under a parent that never reaps it (`sh` exec'd into
 * `sleep`), so that once killed it stays a zombie until `stop()`.
 */
async function holdLockInChild(dataDir: string): Promise<{ pid: number; stop: () => void }> {
  const script = `const { lockDataDir } = await import(${JSON.stringify(LOCK_MODULE)}); lockDataDir(${JSON.stringify(dataDir)}); console.log('locked ' + process.pid); setInterval(() => {}, 60_000)`
  const parent = spawn('sh', [
    '-c',
    '"$0" --import tsx --input-type=module -e "$1" & exec sleep 60',
    process.execPath,
    script,
  ])
  const pid = await new Promise<number>((resolve, reject) => {
    let output = ''
    parent.stdout.on('data', (chunk) => {
      output += chunk
      const match = output.match(/locked (\d+)/)
      if (match) resolve(Number(match[1]))
    })
    parent.stderr.on('data', (chunk) => reject(new Error(String(chunk))))
  })
  return {
    pid,
    stop: () => {
      if (!isZombie(pid)) process.kill(pid, 'SIGKILL')
      parent.kill('SIGKILL')
    },
  }
}

function catchError(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'

// One process owns a PGlite folder: two PGlite processes on one folder silently lost 200 of
// 200 committed rows in a spike (ARCHITECTURE.md). Fails closed: a lock held by a live pid
// is never taken over.

export const LOCK_FILE = 'sous.pid'

export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked'
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Sous is running (pid ${pid}) on ${dataDir}: stop it first, or use its API`)
  }
}

export type DataDirLock = { release: () => void }

export type LockState =
  | { state: 'free' }
  | { state: 'held'; pid: number }
  | { state: 'stale'; pid: number | undefined }

const held = new Set<string>()

/** Takes `<dataDir>/sous.pid`, creating the folder; a lock whose pid is gone is taken over. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE)
  if (held.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid)
  mkdirSync(dataDir, { recursive: true })
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o644)
      try {
        writeSync(fd, `${process.pid}\n`)
      } finally {
        closeSync(fd)
      }
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 40) throw error
    }
    const lock = readLockState(dataDir)
    if (lock.state === 'held') throw new DataDirLockedError(dataDir, lock.pid)
    if (lock.state === 'stale' && lock.pid === undefined && isYoung(lockPath)) {
      // Between its `wx` open and its write, a live holder's file is still empty.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
      continue
    }
    if (lock.state === 'stale') moveStaleLockAside(lockPath, lock.pid)
  }
  held.add(lockPath)
  const release = () => {
    if (!held.delete(lockPath)) return
    if (readPid(lockPath) === process.pid) rmSync(lockPath, { force: true })
    process.off('exit', release)
  }
  // A safety net for exits that skip `stop()`; a crash leaves a stale lock, taken over next start.
  process.on('exit', release)
  return { release }
}

/** What a start would find; reads only. */
export function readLockState(dataDir: string): LockState {
  const lockPath = path.join(dataDir, LOCK_FILE)
  let pid: number | undefined
  try {
    pid = readPid(lockPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free' }
    throw error
  }
  if (pid === undefined) return { state: 'stale', pid }
  if (pid === process.pid) {
    // In a container the restarted process often gets the crashed one's pid (1).
    return held.has(lockPath) ? { state: 'held', pid } : { state: 'stale', pid }
  }
  return isAlive(pid) ? { state: 'held', pid } : { state: 'stale', pid }
}

function readPid(lockPath: string): number | undefined {
  const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

function isYoung(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs < 1000
  } catch {
    return false
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/**
 * Renames rather than deletes, so that of two processes taking over the same stale lock only
 * one moves it. If what was moved is not the stale lock (the other process took over in
 * between), it is linked back: the live holder keeps its lock and our next `wx` fails.
 */
function moveStaleLockAside(lockPath: string, stalePid: number | undefined): void {
  const aside = `${lockPath}.${process.pid}.stale`
  try {
    renameSync(lockPath, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  try {
    const moved = readPid(aside)
    if (moved !== stalePid && moved !== undefined && isAlive(moved)) linkSync(aside, lockPath)
  } finally {
    rmSync(aside, { force: true })
  }
}

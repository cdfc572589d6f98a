import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'

// One process owns a PGlite folder: two PGlite processes on one folder silently lost 200 of
// 200 committed rows in a spike (ARCHITECTURE.md). Fails closed: a lock held by a live pid
// is never taken over. The holder keeps the pid file open for its whole life, and on Linux
// that open file is the proof: the kernel closes it when the process dies, before it is even
// a zombie, and a stranger that got the pid later never opened it.

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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let fd: number
  for (let attempt = 0; ; attempt++) {
    try {
      fd = openSync(lockPath, 'wx', 0o600)
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
  try {
    writeSync(fd, `${process.pid}\n`)
  } catch (error) {
    closeSync(fd)
    rmSync(lockPath, { force: true })
    throw error
  }
  held.add(lockPath)
  const release = () => {
    if (!held.delete(lockPath)) return
    if (readPid(lockPath) === process.pid) rmSync(lockPath, { force: true })
    closeSync(fd)
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
  return holdsLock(pid, lockPath) ? { state: 'held', pid } : { state: 'stale', pid }
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

const PROC = process.platform === 'linux' && existsSync('/proc/self/fd')

/** Whether `pid` holds the lock file; without /proc (macOS) only whether the pid exists. */
function holdsLock(pid: number, lockPath: string): boolean {
  if (!PROC) return pidExists(pid)
  let fds: string[]
  try {
    fds = readdirSync(`/proc/${pid}/fd`)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ESRCH') return false
    // Another user's process: its open files are hidden, so judge by its state and command line.
    return looksLikeLiveSous(pid)
  }
  let lock: Stats
  try {
    lock = statSync(lockPath)
  } catch {
    return false
  }
  return fds.some((fd) => {
    try {
      const open = statSync(`/proc/${pid}/fd/${fd}`)
      return open.ino === lock.ino && open.dev === lock.dev
    } catch {
      return false
    }
  })
}

function looksLikeLiveSous(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1) ?? ''
    if (state.startsWith('Z') || state.startsWith('X')) return false
    return /sous/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return pidExists(pid)
  }
}

function pidExists(pid: number): boolean {
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
    if (moved !== stalePid && moved !== undefined && holdsLock(moved, aside))
      linkSync(aside, lockPath)
  } finally {
    rmSync(aside, { force: true })
  }
}

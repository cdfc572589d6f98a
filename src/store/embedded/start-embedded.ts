import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'
import { restrictDataDir } from './restrict-data-dir.ts'

export type EmbeddedServer = {
  /** Directory holding the Unix socket; `pg` takes it as `host`. */
  socketDir: string
  socketPort: number
  stop: () => Promise<void>
}

// Baseline (Liftoff) wasm code only, for the whole process (V8 flags are global; undici's wasm
// HTTP parser gets it too). TurboFan's tier-up of PGlite's 9 MB of wasm held ~40 MB more RSS;
// without it a folder opened faster and steady inserts ran ~1.5× slower (measured in issue 11).
const WASM_FLAGS = ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering']

const SOCKET_PORT = 5432
// A Unix socket path may hold at most 107 bytes; deep data folders fall back to a private tmp dir.
const MAX_SOCKET_PATH = 100

/** Starts PGlite in a worker thread. `dataDir` undefined means an in-memory database (tests). */
export async function startEmbedded(options: {
  dataDir: string | undefined
  maxConnections: number
}): Promise<EmbeddedServer> {
  let socketDir = options.dataDir ? path.join(options.dataDir, 'run') : undefined
  if (!socketDir || path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`).length > MAX_SOCKET_PATH) {
    socketDir = mkdtempSync(path.join(os.tmpdir(), 'sous-pg-'))
  }
  mkdirSync(socketDir, { recursive: true, mode: 0o700 })
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`)
  rmSync(socketPath, { force: true })

  v8.setFlagsFromString(WASM_FLAGS.join(' '))
  const pgDir = options.dataDir ? path.join(options.dataDir, 'pg') : undefined
  if (pgDir && !existsSync(path.join(pgDir, 'PG_VERSION'))) await createDatabaseFolder(pgDir)
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
    workerData: {
      dataDir: pgDir,
      socketPath,
      maxConnections: options.maxConnections,
    },
  })
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (message: { type: string; message?: string }) => {
      if (message.type === 'ready') resolve()
      else reject(new Error(`embedded database failed to start: ${message.message}`))
    })
  })
  if (options.dataDir) restrictDataDir(options.dataDir)
  collectStartupGarbage()

  return {
    socketDir,
    socketPort: SOCKET_PORT,
    stop: async () => {
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve())
        worker.once('exit', () => resolve())
      })
      worker.postMessage({ type: 'stop' })
      await stopped
      await worker.terminate()
      rmSync(socketPath, { force: true })
    },
  }
}

/**
 * One full GC once the database is up. On Node 24, loading drizzle-orm leaves ~150 MB of
 * garbage in the heap (Node 20: none), and an idle Sous allocates too little to collect it: a
 * restart sat at ~390 MB RSS; after this, ~250 MB within 10 s (`npm run bench -- startup`).
 */
function collectStartupGarbage(): void {
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  v8.setFlagsFromString('--no-expose-gc')
  gc()
}

/**
 * initdb in a child process, whose exit returns its ~600 MB, into a folder beside `pgDir` that
 * becomes `pgDir` only once complete: a crash mid-way, or an orphaned child still writing
 * after its parent was killed, never leaves a half-made database where the next start looks.
 */
async function createDatabaseFolder(pgDir: string): Promise<void> {
  const parent = path.dirname(pgDir)
  const prefix = `${path.basename(pgDir)}.new-`
  // Under the data folder's lock, these are the leftovers of crashed starts.
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rmSync(path.join(parent, name), { recursive: true, force: true })
  }
  const made = path.join(parent, `${prefix}${process.pid}`)
  const script = fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url))
  const child = spawn(process.execPath, [...WASM_FLAGS, script, made], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`creating the embedded database failed (exit ${code}): ${stderr}`)
  try {
    renameSync(made, pgDir)
  } catch (error) {
    rmSync(made, { recursive: true, force: true })
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    throw new Error(
      `${pgDir} holds files but no database (no PG_VERSION): restore it from your backup, or move it away to start with a new database`,
    )
  }
}

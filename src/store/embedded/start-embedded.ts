import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { restrictDataDir } from './restrict-data-dir.ts'

export type EmbeddedServer = {
  /** Directory holding the Unix socket; `pg` takes it as `host`. */
  socketDir: string
  socketPort: number
  stop: () => Promise<void>
}

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

  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
    workerData: {
      dataDir: options.dataDir ? path.join(options.dataDir, 'pg') : undefined,
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

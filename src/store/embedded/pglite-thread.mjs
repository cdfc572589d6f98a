// Runs PGlite off the main thread and serves it over a Unix socket, so the app speaks to
// the embedded database with the same `pg` driver as to PostgreSQL. On the main thread
// PGlite froze timers and HTTP for whole queries (0 ticks in 294 ms, notes/stack-measurements.md).
// Plain .mjs: a worker thread does not inherit the tsx loader of the main thread.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { PGLITE_OPTIONS } from './pglite-options.mjs'

const { dataDir, socketPath, maxConnections } = workerData

let db
let server
try {
  db = await PGlite.create(dataDir ?? 'memory://', PGLITE_OPTIONS)
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections })
  await server.start()
  parentPort.postMessage({ type: 'ready' })
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) })
}

parentPort.on('message', async (message) => {
  if (message?.type !== 'stop') return
  try {
    await server?.stop()
    await db?.close()
  } finally {
    parentPort.postMessage({ type: 'stopped' })
  }
})

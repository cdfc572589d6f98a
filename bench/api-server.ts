// The server side of bench/api.ts, in a process of its own: Sous as `sous start` runs it (web and
// worker in one process, JSON logs at info on stdout, which the bench discards) on a fresh
// database, and a bare Hono route on another port. Driven over IPC: receives its settings,
// answers with both URLs; on `count` answers with the SQL statements sent since the last
// `count`; stops on `stop`.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { loadConfig } from '../src/config.ts'
import { startSous } from '../src/main.ts'
import { countStatements, type StatementCounts } from './count-statements.ts'

export type ApiServerSettings = { databaseUrl?: string }
export type ApiServerMessage =
  | { type: 'ready'; sous: string; bare: string }
  | { type: 'statements'; statements: StatementCounts }
  | { type: 'stopped' }

const send = (message: ApiServerMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()))

const statements = countStatements()

process.once('message', async (settings: ApiServerSettings) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sous-bench-api-'))
  const config = loadConfig({
    SOUS_DATA_DIR: dataDir,
    SOUS_PORT: '0',
    LOG_LEVEL: 'info',
    ...(settings.databaseUrl
      ? { DATABASE_URL: settings.databaseUrl, SOUS_SECRET: 'bench-secret-'.repeat(4) }
      : {}),
  })
  const sous = await startSous({ config, role: 'all' })
  await sous.ready
  const bare = new Hono().get('/hello', (c) => c.text('Hello Hono!'))
  const server = serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  const address = server.address() as { port: number }
  await send({ type: 'ready', sous: sous.url as string, bare: `http://127.0.0.1:${address.port}` })
  process.on('message', async (message) => {
    if (message === 'count') return void send({ type: 'statements', statements: statements.take() })
    server.close()
    await sous.stop()
    rmSync(dataDir, { recursive: true, force: true })
    await send({ type: 'stopped' })
    process.disconnect()
  })
})

import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const PEER_DIR = path.resolve('test/peers/atproto')
const DEFAULT_DB = 'postgresql://postgres@127.0.0.1:5432/test'
export const READY_TIMEOUT_MS = 90_000

/** Where one vitest run keeps its network: ready file, pid, log and dev-env's temporary files. */
export type NetworkRun = {
  runDir: string
  readyFile: string
  external: boolean
  /** The vitest process: the network stops by itself when it is gone. */
  ownerPid: number
}

export type AtprotoNetwork = { plc: string; pds: string; appview: string; startMs: number }

export const runFiles = (runDir: string) => ({
  readyFile: path.join(runDir, 'ready.json'),
  pidFile: path.join(runDir, 'serve.pid'),
  logFile: path.join(runDir, 'serve.log'),
  lockFile: path.join(runDir, 'launch.lock'),
})

export const INSTALL_HINT =
  'The local AT Protocol network is not installed. Run: npm ci --prefix test/peers/atproto'

export function peerInstalled(): boolean {
  return existsSync(path.join(PEER_DIR, 'node_modules', '@atproto', 'dev-env'))
}

/**
 * Starts serve.js for this run unless another test file already did (the first caller wins
 * an exclusive lock file). Detached, so it outlives the test worker; the global teardown
 * stops it by its pid, and its guard stops it if vitest dies first.
 */
export async function launchOnce(run: NetworkRun): Promise<void> {
  const { runDir } = run
  const files = runFiles(runDir)
  let lock: number
  try {
    lock = openSync(files.lockFile, 'wx')
  } catch {
    return
  }
  closeSync(lock)
  if (!peerInstalled()) {
    writeFileSync(files.readyFile, JSON.stringify({ error: INSTALL_HINT }))
    return
  }
  const log = openSync(files.logFile, 'a')
  const guard = path.resolve('test/peers/atproto-guard.mjs')
  const serve = path.join(PEER_DIR, 'serve.js')
  // The peer's native modules (better-sqlite3) are built for the Node on PATH: the Sous tests
  // may run under another one (`scripts/test.mjs`, `embedded@/path/to/node`), the peer may not.
  const node = process.env.SOUS_PEER_NODE || 'node'
  const child = spawn(node, [guard, String(run.ownerPid), serve, files.readyFile], {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DB_POSTGRES_URL: postgresUrl(),
      REDIS_HOST: 'unused',
      LOG_ENABLED: 'false',
      TMPDIR: runDir,
      ATPROTO_BASE_PORT: String(await freePortRange(6)),
    },
  })
  closeSync(log)
  writeFileSync(files.pidFile, String(child.pid))
  child.on('exit', (code, signal) => {
    if (existsSync(files.readyFile)) return
    writeFileSync(
      files.readyFile,
      JSON.stringify({ error: `serve.js exited (${code ?? signal}):\n${logTail(files.logFile)}` }),
    )
  })
  child.unref()
}

export function logTail(logFile: string): string {
  if (!existsSync(logFile)) return '(no log)'
  return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
}

/** dev-env's database: TEST_DATABASE_URL's server, with the postgres user when none is given. */
function postgresUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_DB)
  if (!url.username) url.username = 'postgres'
  return url.toString()
}

/**
 * A base port with `count` free ports after it: serve.js binds PLC, PDS, AppView and Ozone
 * at fixed offsets, and several test runs may share the machine.
 */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 3_000) * 10
    const checks = await Promise.all(
      Array.from({ length: count }, (_, offset) => isFree(base + offset)),
    )
    if (checks.every(Boolean)) return base
  }
  throw new Error('found no free range of ports for the local AT Protocol network')
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** The network's URLs once its ready file says it is up; its error or log tail when not. */
export async function waitForNetwork(run: NetworkRun): Promise<AtprotoNetwork> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (existsSync(run.readyFile)) {
      // serve.js writes the file in one call; a half-read one is read again.
      const info = parseReady(readFileSync(run.readyFile, 'utf8'))
      if (info?.error) throw new Error(`the local AT Protocol network did not start: ${info.error}`)
      if (info) return info
    }
    await sleep(50)
  }
  throw new Error(
    `the local AT Protocol network wrote no ready file within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(runFiles(run.runDir).logFile)}`,
  )
}

/**
 * Waits for a network still starting (so serve.js can drop its database schema on the way
 * out), then SIGTERM by pid, SIGKILL after 10 s, and removes the run's files.
 */
export async function stopNetwork(runDir: string): Promise<void> {
  const files = runFiles(runDir)
  if (existsSync(files.pidFile)) {
    const pid = Number(readFileSync(files.pidFile, 'utf8'))
    await until(() => existsSync(files.readyFile) || !alive(pid), READY_TIMEOUT_MS)
    if (alive(pid)) {
      process.kill(pid, 'SIGTERM')
      if (!(await until(() => !alive(pid), 10_000))) process.kill(pid, 'SIGKILL')
    }
  }
  rmSync(runDir, { recursive: true, force: true })
}

function parseReady(text: string): (AtprotoNetwork & { error?: string }) | undefined {
  try {
    return JSON.parse(text) as AtprotoNetwork & { error?: string }
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

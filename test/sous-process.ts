import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTestDatabase, TEMPLATE_DIR, TEST_BACKEND } from './database.ts'

const BIN = path.resolve('bin/sous.js')

export type SousHome = {
  dir: string
  dataDir: string
  env: Record<string, string>
  cleanup: () => Promise<void>
}

/**
 * A place for `sous` child processes: a data folder copied from the migrated template
 * (embedded) or a fresh PostgreSQL database with a secret (postgres backend).
 */
export async function createSousHome(): Promise<SousHome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sous-cli-'))
  const dataDir = path.join(dir, 'data')
  const env: Record<string, string> = {
    SOUS_DATA_DIR: dataDir,
    SOUS_HOST: '127.0.0.1',
    SOUS_PORT: '0',
    SOUS_SHUTDOWN_GRACE_MS: '5000',
  }
  if (TEST_BACKEND === 'embedded') {
    cpSync(TEMPLATE_DIR, dataDir, { recursive: true })
    return { dir, dataDir, env, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const database = await createTestDatabase()
  env.DATABASE_URL = database.url ?? ''
  env.SOUS_SECRET = 'a test secret that is long enough to be accepted'
  return {
    dir,
    dataDir,
    env,
    cleanup: async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type SousRun = { code: number | null; stdout: string; stderr: string }

/** Only what a user would have set: nothing from the test runner's own environment. */
function childEnv(env: Record<string, string>) {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }
}

/** Runs `sous <args>` to its end. */
export function runSous(
  args: string[],
  options: { env: Record<string, string>; input?: string },
): Promise<SousRun> {
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(options.env) })
  const output = collect(child)
  child.stdin.end(options.input ?? '')
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, ...output() }))
  })
}

export type RunningSous = {
  child: ChildProcess
  url: string
  output: () => { stdout: string; stderr: string }
  exited: Promise<number | null>
}

/** Starts `sous start` and waits until it logs the URL it listens on. */
export async function startSousProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<RunningSous> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { env: childEnv(env) })
  return { child, ...(await listening(child)) }
}

export type UnreapedSous = RunningSous & { pid: number }

/**
 * `sous start` as the child of a parent that never reaps it, like a container's pid 1 without
 * an init: killed, Sous stays a zombie with its pid in the lock until `child` (that parent) ends.
 */
export async function startUnreapedSous(env: Record<string, string>): Promise<UnreapedSous> {
  const child = spawn(
    'sh',
    ['-c', '"$0" "$1" start & echo "{\\"sousPid\\":$!}"; exec sleep 600', process.execPath, BIN],
    { env: childEnv(env) },
  )
  let pid = 0
  const running = await listening(child, (output) => {
    pid ||= Number(output().stdout.match(/"sousPid":(\d+)/)?.[1] ?? 0)
    return pid > 0 && isZombie(pid)
  })
  return { child, pid, ...running }
}

/** Linux: a dead process that its parent has not reaped yet (or is gone altogether). */
export function isZombie(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)?.startsWith('Z') ?? false
  } catch {
    return true
  }
}

/** Waits for the URL `sous start` logs; fails if it exits, or if `isDead` says so first. */
async function listening(
  child: ChildProcess,
  isDead?: (output: () => { stdout: string; stderr: string }) => boolean,
): Promise<Omit<RunningSous, 'child'>> {
  const output = collect(child)
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  let poll: NodeJS.Timeout | undefined
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (how: string) =>
      reject(new Error(`sous start ${how}:\n${output().stdout}${output().stderr}`))
    child.stdout?.on('data', () => {
      const match = output().stdout.match(/"url":"(http:[^"]+)"/)
      if (match?.[1]) resolve(match[1])
    })
    void exited.then((code) => fail(`exited ${code}`))
    if (isDead) poll = setInterval(() => isDead(output) && fail('died'), 100)
  }).finally(() => clearInterval(poll))
  return { url, output, exited }
}

/** Polls until /readyz answers 200; returns how long it took. */
export async function waitUntilReady(url: string, timeoutMs = 20_000): Promise<number> {
  const started = performance.now()
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    )
    if (status === 200) return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`/readyz still ${status}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function collect(child: ChildProcess) {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  return () => ({ stdout, stderr })
}

import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
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
  const output = collect(child)
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = output().stdout.match(/"url":"(http:[^"]+)"/)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout.on('data', onData)
    void exited.then((code) =>
      reject(new Error(`sous start exited ${code}:\n${output().stdout}${output().stderr}`)),
    )
  })
  return { child, url, output, exited }
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

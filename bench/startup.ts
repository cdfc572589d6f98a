// `npm run bench -- startup [runs]`: how long `sous start` takes to answer /readyz 200 on an
// existing embedded data folder, and its memory. Goals: ≤ 3 s and ≤ 300 MB RSS.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSousProcess, waitUntilReady } from '../test/sous-process.ts'

const GOAL_READY_MS = 3_000
const GOAL_RSS_MB = 300

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 5)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sous-bench-startup-'))
  const env = { SOUS_DATA_DIR: path.join(dir, 'data'), SOUS_PORT: '0', LOG_LEVEL: 'warn' }
  try {
    const started = performance.now()
    const migrate = spawnSync(process.execPath, ['bin/sous.js', 'migrate'], {
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    if (migrate.status !== 0) throw new Error(`sous migrate failed: ${migrate.stderr}`)
    const createMs = performance.now() - started
    console.log(`fresh data folder (initdb + migrations, one process): ${Math.round(createMs)} ms`)

    const samples: Array<{ readyMs: number; rssMb: number; peakMb: number; stopMs: number }> = []
    for (let i = 0; i < runs; i++) {
      const spawned = performance.now()
      const sous = await startSousProcess({ ...env, LOG_LEVEL: 'info' })
      await waitUntilReady(sous.url)
      const readyMs = performance.now() - spawned
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const { rssMb, peakMb } = memoryOf(sous.child.pid ?? 0)
      const stopping = performance.now()
      sous.child.kill('SIGTERM')
      const code = await sous.exited
      if (code !== 0) throw new Error(`sous start exited ${code}`)
      samples.push({ readyMs, rssMb, peakMb, stopMs: performance.now() - stopping })
      console.log(
        `run ${i + 1}: ready in ${Math.round(readyMs)} ms, RSS ${rssMb} MB (peak ${peakMb} MB), stopped in ${Math.round(samples.at(-1)?.stopMs ?? 0)} ms`,
      )
    }
    const median = (pick: (s: (typeof samples)[number]) => number) =>
      Math.round(samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0)
    const result = {
      bench: 'startup',
      runs,
      createMs: Math.round(createMs),
      readyMsMedian: median((s) => s.readyMs),
      rssMbMedian: median((s) => s.rssMb),
      peakRssMbMedian: median((s) => s.peakMb),
      stopMsMedian: median((s) => s.stopMs),
      goalReadyMs: GOAL_READY_MS,
      goalRssMb: GOAL_RSS_MB,
    }
    console.log(
      `median: ready ${result.readyMsMedian} ms (goal ≤ ${GOAL_READY_MS}), RSS ${result.rssMbMedian} MB (goal ≤ ${GOAL_RSS_MB}), peak ${result.peakRssMbMedian} MB, stop ${result.stopMsMedian} ms`,
    )
    console.log(JSON.stringify(result))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** RSS now and at its peak, from /proc (Linux): the PGlite thread counts, it shares the process. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0)
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

// `npm run bench -- startup [runs]`: `sous start` on a fresh embedded data folder (initdb and
// migrations) and again on that existing folder (a restart), each `runs` times: how long until
// /readyz answers 200, and the memory the process keeps, 1 s after ready and, on the last run
// of each, 60 s after (V8 shrinks the heap only some time after the last full GC). Goals
// (issue 11, a 1 GB server): a restart ready ≤ 2 s, RSS ≤ 250 MB both ways.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSousProcess, waitUntilReady } from '../test/sous-process.ts'

const GOAL_READY_MS = 2_000
const GOAL_RSS_MB = 250

type Sample = {
  readyMs: number
  rssMb: number
  settledMb?: number
  peakMb: number
  treePeakMb: number
  stopMs: number
}

const SETTLE_MS = 60_000

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 3)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sous-bench-startup-'))
  try {
    const fresh: Sample[] = []
    for (let i = 0; i < runs; i++) {
      fresh.push(await startOnce('fresh', i, path.join(dir, `data-${i}`), i === runs - 1))
    }
    const existing: Sample[] = []
    for (let i = 0; i < runs; i++) {
      existing.push(await startOnce('existing', i, path.join(dir, 'data-0'), i === runs - 1))
    }
    printTable(runs, fresh, existing)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function startOnce(
  kind: string,
  i: number,
  dataDir: string,
  settle: boolean,
): Promise<Sample> {
  const env = { SOUS_DATA_DIR: dataDir, SOUS_PORT: '0', LOG_LEVEL: 'info' }
  const spawned = performance.now()
  const sous = await startSousProcess(env)
  const pid = sous.child.pid ?? 0
  // initdb runs in a child process of Sous: what the machine needs at once is the tree's sum.
  let treePeakMb = 0
  const sampler = setInterval(() => {
    treePeakMb = Math.max(treePeakMb, treeRssMb(pid))
  }, 100)
  await waitUntilReady(sous.url, 120_000)
  const readyMs = performance.now() - spawned
  await new Promise((resolve) => setTimeout(resolve, 1000))
  clearInterval(sampler)
  const { rssMb } = memoryOf(pid)
  let settledMb: number | undefined
  if (settle) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS - 1000))
    settledMb = memoryOf(pid).rssMb
  }
  const { peakMb } = memoryOf(pid)
  const stopping = performance.now()
  sous.child.kill('SIGTERM')
  const code = await sous.exited
  if (code !== 0) throw new Error(`sous start exited ${code}`)
  const sample = {
    readyMs,
    rssMb,
    settledMb,
    peakMb,
    treePeakMb: Math.max(treePeakMb, peakMb),
    stopMs: performance.now() - stopping,
  }
  console.log(
    `${kind} folder, run ${i + 1}: ready in ${Math.round(readyMs)} ms, RSS ${rssMb} MB${settle ? ` (${settledMb} MB after ${SETTLE_MS / 1000} s)` : ''}, peak ${peakMb} MB (with children ${sample.treePeakMb} MB), stopped in ${Math.round(sample.stopMs)} ms`,
  )
  return sample
}

function printTable(runs: number, fresh: Sample[], existing: Sample[]) {
  const median = (samples: Sample[], pick: (s: Sample) => number | undefined) => {
    const values = samples.map(pick).filter((v) => v !== undefined)
    return Math.round(values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0)
  }
  const rows: Array<[string, (s: Sample) => number | undefined, string]> = [
    ['ready (ms)', (s) => s.readyMs, `≤ ${GOAL_READY_MS} (existing)`],
    ['RSS 1 s after ready (MB)', (s) => s.rssMb, ''],
    [`RSS ${SETTLE_MS / 1000} s after (MB)`, (s) => s.settledMb, `≤ ${GOAL_RSS_MB} both`],
    ['peak RSS (MB)', (s) => s.peakMb, ''],
    ['peak with children (MB)', (s) => s.treePeakMb, ''],
    ['stop (ms)', (s) => s.stopMs, ''],
  ]
  const [load1] = os.loadavg()
  console.log(
    `\nNode ${process.version}; medians of ${runs} run(s) (after ${SETTLE_MS / 1000} s: the last run); load average ${load1?.toFixed(2)} on ${os.cpus().length} cores`,
  )
  console.log(`${''.padEnd(26)}${'fresh'.padStart(10)}${'existing'.padStart(10)}   goal`)
  for (const [label, pick, goal] of rows) {
    console.log(
      `${label.padEnd(26)}${String(median(fresh, pick)).padStart(10)}${String(median(existing, pick)).padStart(10)}   ${goal}`,
    )
  }
  const summary = (samples: Sample[]) => ({
    readyMs: median(samples, (s) => s.readyMs),
    rssMb: median(samples, (s) => s.rssMb),
    settledMb: median(samples, (s) => s.settledMb),
    peakMb: median(samples, (s) => s.peakMb),
    treePeakMb: median(samples, (s) => s.treePeakMb),
    stopMs: median(samples, (s) => s.stopMs),
  })
  console.log(
    JSON.stringify({
      bench: 'startup',
      node: process.version,
      runs,
      load1,
      fresh: summary(fresh),
      existing: summary(existing),
      goalReadyMs: GOAL_READY_MS,
      goalRssMb: GOAL_RSS_MB,
    }),
  )
}

/** RSS now and at its peak, from /proc (Linux): the PGlite thread counts, it shares the process. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0)
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

/** RSS of a process and all its descendants now, in MB; 0 for any gone meanwhile. */
function treeRssMb(pid: number): number {
  try {
    let total = memoryOf(pid).rssMb
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
      for (const child of children ? children.split(' ') : []) total += treeRssMb(Number(child))
    }
    return total
  } catch {
    return 0
  }
}

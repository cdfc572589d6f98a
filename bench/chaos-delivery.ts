// `npm run bench -- chaos-delivery [--posts 1000] [--accounts 20] [--kills 10] [--spread 60]
//   [--lead 10] [--fault-rate 0.07] [--retry-after 2] [--drain-timeout 600] [--full-network]
//   [--keep-log]`
//
// Exactly-once under chaos. The local AT Protocol network (PLC + PDS; --full-network adds the
// AppView, which nothing here reads), `posts` posts round-robin over `accounts` new accounts,
// due at random over `spread` s from `lead` s after scheduling. One `sous start --role worker`
// child is killed with SIGKILL every 2–8 s, at least `kills` times, and restarted at once. A
// fault proxy between worker and PDS drops the answer after the write, resets, answers 500,
// or 429 with Retry-After, each on `fault-rate` of createRecord requests. When every delivery
// is final, each account's repository is listed on the PDS itself (not through the proxy):
// every delivery must be there exactly once, under the record key of its publish key. Needs
// PostgreSQL at BENCH_DATABASE_URL / TEST_DATABASE_URL and `npm ci --prefix test/peers/atproto`.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { AtpAgent, ids } from '@atproto/api'
import { connectAccount } from '../src/commands/connect-account.ts'
import { schedulePost } from '../src/commands/schedule-post.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import { loadConfig } from '../src/config.ts'
import { createBlueskyAdapter, recordKeyFor } from '../src/networks/bluesky/index.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { loadSecret } from '../src/security/load-secret.ts'
import {
  type AtprotoNetwork,
  launchOnce,
  type NetworkRun,
  runFiles,
  stopNetwork,
  waitForNetwork,
} from '../test/peers/atproto-launch.ts'
import { listPostRecords } from '../test/peers/atproto-records.ts'
import {
  type Fault,
  type FaultProxy,
  rateLimited,
  serverError,
  startFaultProxy,
} from '../test/peers/fault-proxy.ts'
import { type BenchDatabase, freshDatabase } from './fresh-database.ts'

const SOUS_BIN = fileURLToPath(new URL('../bin/sous.js', import.meta.url))
const CREATE_RECORD = `/xrpc/${ids.ComAtprotoRepoCreateRecord}`
const FINAL_STATES = ['published', 'failed', 'needs_review']
const KILL_EVERY_MS = { min: 2_000, max: 8_000 }
/** After the random wait, the kill lands this soon after the next createRecord reaches the proxy… */
const KILL_AFTER_REQUEST_MS = 20
/** …or at this wait's end when none comes (nothing in flight to catch). */
const KILL_WAIT_FOR_REQUEST_MS = 3_000
const SCHEDULE_CONCURRENCY = 4
/** Scheduling time per post added to `lead`, so no due time has passed when its post is made. */
const SCHEDULE_ALLOWANCE_MS = 8
const PROGRESS_EVERY_MS = 5_000

type Options = {
  posts: number
  accounts: number
  kills: number
  spreadMs: number
  leadMs: number
  faultRate: number
  retryAfterSeconds: number
  drainTimeoutMs: number
  fullNetwork: boolean
  /** Keeps the workers' log even when the run was clean. */
  keepLog: boolean
}

type Setup = { database: BenchDatabase; network: AtprotoNetwork; proxy: FaultProxy }

type ChaosAccount = { id: string; did: string }
type Kill = { atMs: number; duringWrite: boolean; orphanedClaims: number }
type StateCounts = Record<string, number>

export async function run(args: string[]): Promise<void> {
  const options = readOptions(args)
  const tag = Date.now().toString(36).slice(-5)
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'sous-chaos-atproto-'))
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'sous-chaos-'))
  const logPath = path.join(workDir, 'worker.log')
  const log = createWriteStream(logPath)
  const networkRun: NetworkRun = {
    runDir,
    readyFile: runFiles(runDir).readyFile,
    external: false,
    ownerPid: process.pid,
  }
  let database: BenchDatabase | undefined
  let proxy: FaultProxy | undefined
  let worker: WorkerChild | undefined
  let clean = false
  try {
    const t0 = performance.now()
    // serve.js reads it from the environment launchOnce hands on.
    if (!options.fullNetwork) process.env.ATPROTO_PDS_ONLY = '1'
    await launchOnce(networkRun)
    const network = await waitForNetwork(networkRun)
    const db = await freshDatabase('server')
    database = db
    proxy = await startFaultProxy(network.pds)
    const env = workerEnv(db.url as string, network.plc, workDir)
    const setup: Setup = { database: db, network, proxy }
    console.log(
      `chaos-delivery: ${options.posts} posts over ${options.accounts} accounts, due at random over ${options.spreadMs / 1000} s from ${options.leadMs / 1000} s after scheduling; ≥ ${options.kills} SIGKILLs; faults ${pct(options.faultRate)} of createRecord each (drop-response, reset, 500, 429 Retry-After ${options.retryAfterSeconds} s)`,
    )
    console.log(
      `network (${options.fullNetwork ? 'PLC + PDS + AppView' : 'PLC + PDS'}) and database ready in ${seconds(performance.now() - t0)}`,
    )

    const config = loadConfig(env)
    const secret = loadSecret(config)
    const networks = createNetworkRegistry(config)
    const { user, workspace } = await setupInstance(db.db, {
      email: `owner-${tag}@example.com`,
      password: 'chaos-owner-password',
      workspaceName: 'Chaos',
    })
    const t1 = performance.now()
    const accounts = await connectAccounts(setup, secret, options.accounts, tag, {
      workspaceId: workspace.id,
      userId: user.id,
    })
    console.log(
      `${accounts.length} accounts made and connected through the fault proxy in ${seconds(performance.now() - t1)}`,
    )

    worker = superviseWorker(env, log, logPath)
    const t2 = performance.now()
    const firstDue = Date.now() + options.leadMs + options.posts * SCHEDULE_ALLOWANCE_MS
    let lastDue = firstDue
    await Promise.all([
      worker.start(),
      mapLimit(options.posts, SCHEDULE_CONCURRENCY, async (i) => {
        const account = accounts[i % accounts.length] as ChaosAccount
        const due = firstDue + Math.random() * options.spreadMs
        lastDue = Math.max(lastDue, due)
        // Only if scheduling ran far slower than the allowance: schedulePost refuses a past time.
        const at = new Date(Math.max(due, Date.now() + 1_000))
        await schedulePost(db, secret, networks, {
          workspaceId: workspace.id,
          userId: user.id,
          role: 'owner',
          variants: [{ accountId: account.id, text: `chaos ${tag} #${i}` }],
          schedule: { at: at.toISOString() },
        })
      }),
    ])
    console.log(
      `${options.posts} posts scheduled and the worker started in ${seconds(performance.now() - t2)}; the first is due in ${seconds(firstDue - Date.now())}`,
    )
    const nextCreateRecord = watchCreateRecord(proxy)
    const faultCounts = scriptFaults(proxy, options)

    const watch = await runChaos(setup, worker, options, firstDue, nextCreateRecord)
    await worker.stop()
    const report = await audit(setup, { ...watch, options, firstDue, lastDue, worker, faultCounts })
    clean = report.exactlyOnce && watch.drained
    if (!clean) process.exitCode = 1
  } finally {
    await worker?.halt()
    await proxy?.close()
    await database?.close()
    await stopNetwork(runDir)
    await new Promise((resolve) => log.end(resolve))
    if (clean && !options.keepLog) rmSync(workDir, { recursive: true, force: true })
    else console.log(`worker log kept: ${logPath}`)
  }
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      posts: { type: 'string', default: '1000' },
      accounts: { type: 'string', default: '20' },
      kills: { type: 'string', default: '10' },
      spread: { type: 'string', default: '60' },
      lead: { type: 'string', default: '10' },
      'fault-rate': { type: 'string', default: '0.07' },
      'retry-after': { type: 'string', default: '2' },
      'drain-timeout': { type: 'string', default: '600' },
      'full-network': { type: 'boolean', default: false },
      'keep-log': { type: 'boolean', default: false },
    },
    strict: true,
  })
  const number = (name: keyof typeof values, max = Number.POSITIVE_INFINITY) => {
    const value = Number(values[name])
    if (!Number.isFinite(value) || value < 0 || value > max)
      throw new Error(`--${name}: expected a number from 0 to ${max}, got ${values[name]}`)
    return value
  }
  return {
    posts: Math.max(1, Math.round(number('posts'))),
    accounts: Math.max(1, Math.round(number('accounts'))),
    kills: Math.round(number('kills')),
    spreadMs: number('spread') * 1000,
    leadMs: number('lead') * 1000,
    // Four kinds of fault share one request stream: together at most all of it.
    faultRate: number('fault-rate', 0.25),
    retryAfterSeconds: number('retry-after'),
    drainTimeoutMs: number('drain-timeout') * 1000,
    fullNetwork: values['full-network'] === true,
    keepLog: values['keep-log'] === true,
  }
}

/** What `sous start --role worker` reads: this run's database, a shared secret, the local PLC. */
function workerEnv(databaseUrl: string, plcUrl: string, workDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SOUS_SECRET: randomBytes(32).toString('base64'),
    SOUS_DATA_DIR: path.join(workDir, 'data'),
    SOUS_ALLOW_PRIVATE_NETWORK: '1',
    SOUS_BLUESKY_PLC_URL: plcUrl,
    LOG_LEVEL: 'info',
  }
}

/**
 * New accounts on the PDS, connected as a person would (handle → DID → PDS, app password);
 * the stored credentials then name the proxy, so the worker's every request crosses it.
 */
async function connectAccounts(
  { database, network, proxy }: Setup,
  secret: Buffer,
  count: number,
  tag: string,
  owner: { workspaceId: string; userId: string },
): Promise<ChaosAccount[]> {
  const adapter = createBlueskyAdapter({ plcUrl: network.plc })
  const accounts: ChaosAccount[] = []
  for (let i = 0; i < count; i++) {
    const name = `chaos${tag}${i}`
    const agent = new AtpAgent({ service: network.pds })
    await agent.createAccount({
      handle: `${name}.test`,
      email: `${name}@example.com`,
      password: 'chaos-account-password',
    })
    const { data } = await agent.com.atproto.server.createAppPassword({ name: 'sous' })
    const credentials = await adapter.connect({
      identifier: `${name}.test`,
      appPassword: data.password,
      service: network.pds,
    })
    const identity = await adapter.verify({ credentials, saveCredentials: async () => {} })
    const account = await connectAccount(database, secret, {
      ...owner,
      network: 'bluesky',
      service: proxy.url,
      identity,
      credentials: { ...credentials, service: proxy.url },
    })
    accounts.push({ id: account.id, did: credentials.did })
  }
  return accounts
}

/**
 * Resolves true when the next createRecord request reaches the proxy, false after
 * `timeoutMs`. Scripted before the faults, so it sees every request, faulted or not.
 */
function watchCreateRecord(proxy: FaultProxy): (timeoutMs: number) => Promise<boolean> {
  let waiting: ((seen: boolean) => void) | undefined
  proxy.script({
    fault: { kind: 'pass' },
    match: ({ path }) => {
      if (path.startsWith(CREATE_RECORD)) waiting?.(true)
      return false
    },
  })
  return (timeoutMs) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiting?.(false), timeoutMs)
      waiting = (seen) => {
        clearTimeout(timer)
        waiting = undefined
        resolve(seen)
      }
    })
}

/** Each kind of fault on `faultRate` of all createRecord requests; the rest pass. Returns the counts. */
function scriptFaults(proxy: FaultProxy, options: Options): Map<string, number> {
  const faultCounts = new Map<string, number>()
  const faults: Array<[string, Fault]> = [
    ['drop-response', { kind: 'drop-response' }],
    ['reset', { kind: 'reset' }],
    ['500', serverError],
    // Its ratelimit-reset header goes stale; the client takes the later of it and Retry-After.
    ['429', rateLimited(options.retryAfterSeconds)],
  ]
  faults.forEach(([label, fault], k) => {
    // A rule sees only what the rules before it let pass: this share of that is faultRate of all.
    const share = options.faultRate / (1 - k * options.faultRate)
    faultCounts.set(label, 0)
    proxy.script({
      fault,
      match: ({ path }) => {
        const hit = path.startsWith(CREATE_RECORD) && Math.random() < share
        if (hit) faultCounts.set(label, (faultCounts.get(label) ?? 0) + 1)
        return hit
      },
    })
  })
  return faultCounts
}

type WorkerChild = {
  start: () => Promise<void>
  /** SIGKILL and wait for the exit. */
  kill: () => Promise<void>
  /** SIGTERM (the graceful stop), SIGKILL after 30 s. */
  stop: () => Promise<void>
  /** Whatever is left, at the end of the run. */
  halt: () => Promise<void>
  readonly starts: number
  /** When the current worker was spawned (epoch ms). */
  readonly startedAt: number
  readonly startMs: number[]
  readonly unexpectedExits: number
}

/** One `sous start --role worker` at a time; a worker that dies unasked is counted and restarted. */
function superviseWorker(env: NodeJS.ProcessEnv, log: WriteStream, logPath: string): WorkerChild {
  let child: ChildProcess | undefined
  const ending = new WeakSet<ChildProcess>()
  const startMs: number[] = []
  let starts = 0
  let startedAt = Number.NaN
  let unexpectedExits = 0
  let halted = false

  const exited = (proc: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve()
      else proc.once('exit', () => resolve())
    })

  const start = async (): Promise<void> => {
    const t0 = performance.now()
    const proc = spawn(process.execPath, [SOUS_BIN, 'start', '--role', 'worker'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    starts++
    startedAt = Date.now()
    log.write(`--- bench: worker ${starts} started, pid ${proc.pid}\n`)
    proc.stderr?.pipe(log, { end: false })
    await new Promise<void>((resolve, reject) => {
      // The worker's own log line once it takes jobs (src/jobs/worker.ts).
      let seen = ''
      let ready = false
      proc.stdout?.on('data', (chunk: Buffer) => {
        log.write(chunk)
        if (ready) return
        seen = (seen + chunk.toString('utf8')).slice(-4_000)
        if (seen.includes('"msg":"worker started"')) {
          ready = true
          resolve()
        }
      })
      proc.once('exit', (code, signal) => {
        if (!ready)
          reject(
            new Error(`the worker exited (${code ?? signal}) before it started; see ${logPath}`),
          )
      })
    })
    startMs.push(performance.now() - t0)
    proc.once('exit', (code, signal) => {
      if (ending.has(proc) || halted) return
      unexpectedExits++
      log.write(`--- bench: worker pid ${proc.pid} exited unasked (${code ?? signal})\n`)
      void start().catch((error) => log.write(`--- bench: restart failed: ${error}\n`))
    })
  }

  const end = async (signal: NodeJS.Signals, graceMs: number) => {
    const proc = child
    if (!proc) return
    ending.add(proc)
    proc.kill(signal)
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
    await exited(proc)
    clearTimeout(timer)
    log.write(`--- bench: worker pid ${proc.pid} ended by ${signal}\n`)
  }

  return {
    start,
    kill: () => end('SIGKILL', 0),
    stop: () => end('SIGTERM', 30_000),
    halt: async () => {
      halted = true
      if (child && child.exitCode === null && child.signalCode === null) await end('SIGKILL', 0)
    },
    get starts() {
      return starts
    },
    get startedAt() {
      return startedAt
    },
    startMs,
    get unexpectedExits() {
      return unexpectedExits
    },
  }
}

/**
 * From the first due time on, waits 2–8 s, then kills the worker just after its next
 * createRecord leaves (so a write is in flight: applied or not, never recorded), until `kills`
 * are done; meanwhile waits until every delivery is final (or the drain timeout), printing
 * progress as it goes.
 */
async function runChaos(
  { database }: Setup,
  worker: WorkerChild,
  options: Options,
  firstDue: number,
  nextCreateRecord: (timeoutMs: number) => Promise<boolean>,
): Promise<{
  kills: Kill[]
  drained: boolean
  finalAt: number
  counts: StateCounts
  retries: Map<string, string[]>
}> {
  const kills: Kill[] = []
  let counts: StateCounts = {}
  let finalAt = Number.NaN
  const isFinal = (c: StateCounts) =>
    FINAL_STATES.reduce((sum, state) => sum + (c[state] ?? 0), 0) >= options.posts
  // Each waiting delivery's errors as the engine wrote them: gone from the row once it is out.
  const retries = new Map<string, string[]>()
  const readRetries = async () => {
    const { rows } = await database.pool.query<{ id: string; attempts: number; error: string }>(
      `select id, attempts, error from deliveries where state = 'retry_wait'`,
    )
    for (const row of rows) {
      const seen = retries.get(row.id) ?? []
      const entry = `[${row.attempts}] ${row.error}`
      if (seen.at(-1) !== entry) seen.push(entry)
      retries.set(row.id, seen)
    }
  }
  const readCounts = async () => {
    const { rows } = await database.pool.query<{ state: string; n: number }>(
      'select state, count(*)::int as n from deliveries group by state',
    )
    return Object.fromEntries(rows.map((r) => [r.state, r.n]))
  }

  const chaos = (async () => {
    await sleep(firstDue - Date.now())
    while (kills.length < options.kills && !isFinal(counts)) {
      await sleep(KILL_EVERY_MS.min + Math.random() * (KILL_EVERY_MS.max - KILL_EVERY_MS.min))
      const duringWrite = await nextCreateRecord(KILL_WAIT_FOR_REQUEST_MS)
      if (duringWrite) await sleep(Math.random() * KILL_AFTER_REQUEST_MS)
      const spawnedAt = worker.startedAt
      await worker.kill()
      // Claims the dead worker made: only its jobs' lease and a reconcile can finish them.
      const { rows } = await database.pool.query<{ n: number }>(
        `select count(*)::int as n from deliveries where state = 'claimed' and updated_at >= $1`,
        [new Date(spawnedAt)],
      )
      kills.push({ atMs: Date.now() - firstDue, duringWrite, orphanedClaims: rows[0]?.n ?? 0 })
      await worker.start()
    }
  })()

  const deadline = firstDue + options.spreadMs + options.drainTimeoutMs
  let lastProgress = 0
  let chaosDone = false
  let chaosFailed = false
  chaos.then(
    () => {
      chaosDone = true
    },
    () => {
      chaosFailed = true // a worker that cannot start: `await chaos` below throws it
    },
  )
  while (Date.now() < deadline && !chaosFailed) {
    counts = await readCounts()
    await readRetries()
    if (Number.isNaN(finalAt) && isFinal(counts)) finalAt = Date.now()
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now()
      const states = Object.entries(counts)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')
      console.log(`  t${signed(Date.now() - firstDue)}  kills ${kills.length}  ${states}`)
    }
    if (chaosDone && isFinal(counts)) break
    await sleep(500)
  }
  await chaos
  return { kills, drained: isFinal(counts), finalAt, counts, retries }
}

type DeliveryRow = {
  id: string
  state: string
  publishKey: string
  uri: string | null
  attempts: number
  did: string
  text: string
  dueAt: Date
  publishedAt: Date | null
}

type RepoRecord = { uri: string; text: string }

type RunFacts = {
  options: Options
  kills: Kill[]
  drained: boolean
  finalAt: number
  counts: StateCounts
  retries: Map<string, string[]>
  firstDue: number
  lastDue: number
  worker: WorkerChild
  faultCounts: Map<string, number>
}

/** Every delivery held against the repositories on the PDS (not through the proxy). */
type RepoCheck = {
  records: number
  repos: number
  /** Deliveries with a record under the record key of their publish key. */
  published: number
  lost: DeliveryRow[]
  /** Records under no delivery's key: a second post of something. */
  strays: number
  /** Deliveries whose text is on more than one record. */
  withDuplicates: number
  /** Records under a delivery's key with another text. */
  wrongText: number
  /** `published` rows whose uri is not the record. */
  dbMismatch: DeliveryRow[]
  /** Records whose delivery the database does not call published. */
  unrecorded: DeliveryRow[]
}

/** Checks the repositories and the database, prints the figures; true when exactly once held. */
async function audit(setup: Setup, run: RunFacts): Promise<{ exactlyOnce: boolean }> {
  const { database } = setup
  const { rows } = await database.pool.query<DeliveryRow>(
    `select d.id, d.state, d.publish_key as "publishKey", d.uri, d.attempts,
       a.network_account_id as did, v.segments->0->>'text' as text, d.due_at as "dueAt",
       d.published_at as "publishedAt"
     from deliveries d join accounts a on a.id = d.account_id join variants v on v.id = d.variant_id`,
  )
  const check = await checkRepositories(setup, rows)
  const jobs = await database.pool.query<{ state: string; n: number }>(
    `select state, count(*)::int as n from jobs where name = 'deliver' group by state order by state`,
  )
  const audits = await database.pool.query<{ n: number; twice: number }>(
    `select count(*)::int as n, (count(*) - count(distinct target_id))::int as twice
     from audit_log where action = 'post.published'`,
  )
  const exactlyOnce =
    rows.length === run.options.posts &&
    check.published === rows.length &&
    check.strays === 0 &&
    check.withDuplicates === 0 &&
    check.wrongText === 0 &&
    check.dbMismatch.length === 0 &&
    check.unrecorded.length === 0
  const lagOf = (r: DeliveryRow) => (r.publishedAt?.getTime() ?? Date.now()) - r.dueAt.getTime()
  const lag = percentiles(rows.filter((r) => r.publishedAt).map(lagOf))
  // Counted attempts are the failed ones; waiting out a rate limit does not count.
  const attempts: StateCounts = {}
  for (const row of rows) attempts[row.attempts] = (attempts[row.attempts] ?? 0) + 1
  const lostByState: StateCounts = {}
  for (const row of check.lost) lostByState[row.state] = (lostByState[row.state] ?? 0) + 1
  const createRequests = setup.proxy.requests.filter((r) => r.path.startsWith(CREATE_RECORD))
  const { worker, kills, faultCounts } = run
  const drainMs = run.finalAt - run.lastDue
  const orphanedClaims = kills.reduce((sum, k) => sum + k.orphanedClaims, 0)
  const list = (entries: Iterable<[string, number]>) =>
    [...entries].map(([key, n]) => `${key} ${n}`).join(', ')

  console.log('')
  console.log(
    `worker: ${kills.length} SIGKILLs (at ${kills.map((k) => signed(k.atMs)).join(', ')} s after the first due time), ${kills.filter((k) => k.duringWrite).length} of them within ${KILL_AFTER_REQUEST_MS} ms of a createRecord, ${kills.filter((k) => k.orphanedClaims > 0).length} leaving claimed deliveries behind (${orphanedClaims} claims orphaned); ${worker.starts} starts (start p50 ${seconds(percentiles(worker.startMs).p50)}), ${worker.unexpectedExits} unasked exits`,
  )
  console.log(`faults on ${createRequests.length} createRecord requests: ${list(faultCounts)}`)
  console.log(
    `deliveries: ${list(Object.entries(run.counts))}; ${run.drained ? `all final ${seconds(run.finalAt - run.firstDue)} after the first due time, ${seconds(drainMs)} after the last` : `NOT all final after the ${seconds(run.options.drainTimeoutMs)} drain timeout`}`,
  )
  console.log(
    `lag (published_at − due_at): p50 ${duration(lag.p50)}, p95 ${duration(lag.p95)}, max ${duration(lag.max)}`,
  )
  console.log(
    `failed attempts per delivery: ${Object.entries(attempts)
      .map(([n, count]) => `${n}× ${count}`)
      .join(', ')}`,
  )
  for (const row of [...rows].sort((a, b) => lagOf(b) - lagOf(a)).slice(0, 3)) {
    const history = run.retries.get(row.id)?.join(' → ') ?? '(no retry seen)'
    console.log(`  slowest: ${row.id} ${row.state} after ${duration(lagOf(row))}: ${history}`)
  }
  console.log(
    `deliver jobs: ${list(jobs.rows.map((r) => [r.state, r.n]))}; publish audit entries ${audits.rows[0]?.n ?? 0} (${audits.rows[0]?.twice ?? 0} for a delivery already audited)`,
  )
  console.log(
    `repositories (listRecords on the PDS): ${check.records} records in ${check.repos} repositories`,
  )
  console.log(
    `expected ${rows.length}, published ${check.published}, lost ${check.lost.length}${check.lost.length ? ` (${JSON.stringify(lostByState)})` : ''}, duplicated ${check.strays} (deliveries with more than one record of their text: ${check.withDuplicates}; records under a delivery's key with another text: ${check.wrongText})`,
  )
  console.log(
    `database vs repositories: ${check.dbMismatch.length} published rows whose uri is not the record, ${check.unrecorded.length} records whose delivery the database does not call published`,
  )
  console.log(`exactly once: ${exactlyOnce ? 'met' : 'MISSED'}`)
  const problems = new Set([...check.lost, ...check.dbMismatch, ...check.unrecorded])
  for (const row of [...problems].slice(0, 10)) console.log(`  problem: ${JSON.stringify(row)}`)
  console.log(
    JSON.stringify({
      bench: 'chaos-delivery',
      ...run.options,
      cores: os.availableParallelism(),
      load1: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      sigkills: kills.length,
      orphanedClaims,
      workerStarts: worker.starts,
      unexpectedExits: worker.unexpectedExits,
      createRecordRequests: createRequests.length,
      faults: Object.fromEntries(faultCounts),
      states: run.counts,
      drained: run.drained,
      drainMsAfterLastDue: Number.isNaN(drainMs) ? null : Math.round(drainMs),
      lagMs: lag,
      failedAttempts: attempts,
      expected: rows.length,
      published: check.published,
      lost: check.lost.length,
      duplicated: check.strays,
      dbMismatch: check.dbMismatch.length,
      unrecorded: check.unrecorded.length,
      exactlyOnce,
    }),
  )
  return { exactlyOnce }
}

async function checkRepositories(
  { database, network }: Setup,
  rows: DeliveryRow[],
): Promise<RepoCheck> {
  const accounts = await database.pool.query<{ did: string }>(
    'select network_account_id as did from accounts',
  )
  const agent = new AtpAgent({ service: network.pds })
  const repos = new Map<string, Map<string, RepoRecord>>()
  for (const { did } of accounts.rows) repos.set(did, await listPosts(agent, did))

  const textsInRepos = new Map<string, number>()
  for (const repo of repos.values())
    for (const { text } of repo.values()) textsInRepos.set(text, (textsInRepos.get(text) ?? 0) + 1)
  const deliveryKeys = new Set<string>()
  const check: RepoCheck = {
    records: 0,
    repos: repos.size,
    published: 0,
    lost: [],
    strays: 0,
    withDuplicates: 0,
    wrongText: 0,
    dbMismatch: [],
    unrecorded: [],
  }
  for (const row of rows) {
    const rkey = recordKeyFor(row.publishKey)
    const record = repos.get(row.did)?.get(rkey)
    deliveryKeys.add(`${row.did} ${rkey}`)
    if ((textsInRepos.get(row.text) ?? 0) > 1) check.withDuplicates++
    if (record) {
      check.published++
      if (record.text !== row.text) check.wrongText++
      if (row.state !== 'published') check.unrecorded.push(row)
      else if (row.uri !== record.uri) check.dbMismatch.push(row)
    } else {
      check.lost.push(row)
      if (row.state === 'published') check.dbMismatch.push(row)
    }
  }
  for (const [did, repo] of repos) {
    check.records += repo.size
    for (const rkey of repo.keys()) if (!deliveryKeys.has(`${did} ${rkey}`)) check.strays++
  }
  return check
}

async function listPosts(agent: AtpAgent, did: string): Promise<Map<string, RepoRecord>> {
  const records = new Map<string, RepoRecord>()
  for (const record of await listPostRecords(agent, did)) {
    const rkey = record.uri.split('/').pop() ?? ''
    records.set(rkey, { uri: record.uri, text: String(record.value.text ?? '') })
  }
  return records
}

async function mapLimit(count: number, limit: number, task: (i: number) => Promise<void>) {
  let next = 0
  const lane = async () => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane))
}

/** Nearest-rank percentiles. */
function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max: Math.round(at(1)) }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const duration = (ms: number) => (ms < 1_000 ? `${Math.round(ms)} ms` : seconds(ms))
const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${(Math.abs(ms) / 1000).toFixed(1)}`
const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

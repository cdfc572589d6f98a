// The delivery benches' data, written the way the app writes it: the owner and workspace by
// setupInstance, accounts by connectAccount (sealed credentials), posts by schedulePost.
import { randomBytes } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import { connectAccount } from '../src/commands/connect-account.ts'
import { schedulePost } from '../src/commands/schedule-post.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import type { NetworkRegistry } from '../src/networks/registry.ts'
import type { Database } from '../src/store/connect.ts'
import { deliveries, posts } from '../src/store/schema/index.ts'
import { BENCH_NETWORK } from './bench-network.ts'
import { type BenchDatabase, freshDatabase } from './fresh-database.ts'

export type Workspace = {
  secret: Buffer
  userId: string
  workspaceId: string
  accountIds: string[]
}

export async function createWorkspace(database: Database, accounts: number): Promise<Workspace> {
  const secret = randomBytes(32)
  const { user, workspace } = await setupInstance(database.db, {
    email: 'owner@bench.invalid',
    password: 'bench-password-long-enough',
    workspaceName: 'Bench',
  })
  const accountIds: string[] = []
  for (let i = 0; i < accounts; i++) {
    const handle = `account${i}`
    const account = await connectAccount(database, secret, {
      workspaceId: workspace.id,
      userId: user.id,
      network: BENCH_NETWORK,
      service: 'https://bench.invalid',
      identity: {
        id: handle,
        handle,
        displayName: handle,
        url: `https://bench.invalid/@${handle}`,
      },
      credentials: { token: `token-${i}` },
    })
    accountIds.push(account.id)
  }
  return { secret, userId: user.id, workspaceId: workspace.id, accountIds }
}

/** A due delivery as the bench sees it: its publish key and due time (ms). */
export type Due = Map<string, number>

/**
 * One post with one variant per due time (null: now), round-robin over the accounts, through
 * schedulePost with `parallel` calls in flight. Returns each delivery's publish key and due time.
 */
async function schedulePosts(
  database: Database,
  networks: NetworkRegistry,
  workspace: Workspace,
  dueTimes: Array<number | null>,
  parallel: number,
): Promise<{ due: Due; postIds: string[] }> {
  const postIds: string[] = new Array(dueTimes.length)
  let next = 0
  const lane = async () => {
    while (next < dueTimes.length) {
      const i = next++
      const at = dueTimes[i]
      const { post } = await schedulePost(database, workspace.secret, networks, {
        workspaceId: workspace.workspaceId,
        userId: workspace.userId,
        role: 'owner',
        variants: [
          {
            accountId: workspace.accountIds[i % workspace.accountIds.length] as string,
            text: `Bench post ${i}`,
          },
        ],
        schedule: at ? { at: new Date(at).toISOString() } : { now: true },
      })
      postIds[i] = post.id
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane))
  const due: Due = new Map()
  for (let i = 0; i < postIds.length; i += 5_000) {
    const rows = await database.db
      .select({ key: deliveries.publishKey, dueAt: deliveries.dueAt })
      .from(deliveries)
      .where(inArray(deliveries.postId, postIds.slice(i, i + 5_000)))
    for (const row of rows) due.set(row.key, row.dueAt.getTime())
  }
  return { due, postIds }
}

export type BenchRun = { database: BenchDatabase; workspace: Workspace }

/** A fresh database with the owner, the workspace and its accounts. */
export async function openRun(kind: 'embedded' | 'server', accounts: number): Promise<BenchRun> {
  const database = await freshDatabase(kind)
  return { database, workspace: await createWorkspace(database, accounts) }
}

const SCHEDULING_PARALLEL = 4

/**
 * Warm-up posts, removed afterwards: with `deliver`, due now and waited for (the workers must
 * be running), so the delivery path is warm before anything is measured; without, due tomorrow
 * (their jobs are removed too). Returns schedulePost's pace in ms per post, to know how far
 * ahead the measured posts must be due to be written in time.
 */
export async function warmUp(
  run: BenchRun,
  networks: NetworkRegistry,
  input: { posts: number; deliver: boolean },
): Promise<number> {
  const { database } = run
  const tomorrow = Date.now() + 86_400_000
  const started = performance.now()
  const { postIds } = await schedulePosts(
    database,
    networks,
    run.workspace,
    Array.from({ length: input.posts }, (_, i) => (input.deliver ? null : tomorrow + i * 1_000)),
    SCHEDULING_PARALLEL,
  )
  const perPostMs = (performance.now() - started) / input.posts
  if (input.deliver && !(await waitForSettled(database, 60_000)))
    throw new Error('the warm-up posts were not delivered within a minute')
  await database.db.delete(posts).where(inArray(posts.id, postIds))
  await database.pool.query(`delete from jobs where state = 'pending'`)
  return perPostMs
}

export type DueWindow = { due: Due; lastDue: number; scheduledPerSecond: number }

/** `posts` posts due at random within a window that starts once they are surely all written. */
export async function scheduleWindow(
  run: BenchRun,
  networks: NetworkRegistry,
  input: { posts: number; windowS: number; perPostMs: number },
): Promise<DueWindow> {
  const windowStart = Date.now() + input.posts * input.perPostMs * 1.5 + 5_000
  const dueTimes = Array.from(
    { length: input.posts },
    () => windowStart + Math.random() * input.windowS * 1_000,
  )
  const started = performance.now()
  const { due } = await schedulePosts(
    run.database,
    networks,
    run.workspace,
    dueTimes,
    SCHEDULING_PARALLEL,
  )
  const scheduledPerSecond = Math.round(input.posts / ((performance.now() - started) / 1_000))
  if (Date.now() > windowStart) {
    console.error('scheduling ran into the due window: the first lags include it')
  }
  return { due, lastDue: Math.max(...due.values()), scheduledPerSecond }
}

/** Deliveries per state. */
export async function countStates(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.pool.query<{ state: string; n: number }>(
    'select state, count(*)::int as n from deliveries group by state',
  )
  return Object.fromEntries(rows.map((row) => [row.state, row.n]))
}

const UNSETTLED = ['scheduled', 'claimed', 'retry_wait']

/** Waits until no delivery is left to attempt; false on timeout. */
export async function waitForSettled(database: Database, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const states = await countStates(database)
    if (UNSETTLED.every((state) => !states[state])) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

/** `--name value` flags over numeric defaults, `--name` alone meaning 1; an unknown flag is an error. */
export function readFlags<T extends Record<string, number>>(given: string[], defaults: T): T {
  const flags: Record<string, number> = { ...defaults }
  const args = [...given]
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
    const bare = args[i + 1] === undefined || args[i + 1]?.startsWith('--')
    if (bare) args.splice(i + 1, 0, '1')
    const value = Number(args[i + 1])
    if (!name || !(name in defaults) || !Number.isFinite(value)) {
      const known = Object.keys(defaults).map(
        (k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      )
      throw new Error(
        `unknown or bad flag ${args[i]} ${args[i + 1] ?? ''}; known: ${known.join(' ')}`,
      )
    }
    flags[name] = value
  }
  return flags as T
}

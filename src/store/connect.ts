import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { startEmbedded } from './embedded/start-embedded.ts'
import { createLocalNotifier, createPgNotifier, type Notifier } from './notifier.ts'
import { PreparedClient } from './prepared-client.ts'
import * as schema from './schema/index.ts'

export type Db = NodePgDatabase<typeof schema>

export type Database = {
  kind: 'embedded' | 'server'
  db: Db
  pool: pg.Pool
  notifier: Notifier
  close: () => Promise<void>
}

// One connection: pglite-socket interleaves the protocol messages of several connections;
// while one held a transaction, 99 of 300 parameterized queries on the others got another's
// results and 199 failed (`portal "" does not exist`; src/store/connect.test.ts). PGlite runs
// one query at a time anyway. @NOTE inside a transaction use only `tx`: the pool waits for it.
const EMBEDDED_POOL_SIZE = 1

export type ConnectOptions =
  | { kind: 'embedded'; dataDir: string | undefined }
  | { kind: 'server'; url: string; poolSize?: number }

export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.kind === 'server') {
    const pool = new pg.Pool({
      connectionString: withUser(options.url),
      max: options.poolSize ?? 10,
      Client: PreparedClient,
      // No JIT: the Measure report's estimates pass jit_above_cost and LLVM spent 23 ms of its
      // 90 compiling (bench/measure.ts --explain 1); Sous's statements are too short to repay it.
      // No parallel workers: the report already runs three statements side by side, and the
      // workers' start and their share of the cores cost more than they saved (90-day report
      // on 100k posts, 2 cores, load 1.6-2.7: by account p90 152-157 → 78-84 ms, by network
      // 91-139 → 64-69 ms). A `?options=` in the URL overrides this.
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
    })
    pool.on('error', () => {
      // An idle client died (server restart); the pool replaces it on next use.
    })
    const notifier = createPgNotifier(pool)
    return {
      kind: 'server',
      db: drizzle(pool, { schema, casing: 'snake_case' }),
      pool,
      notifier,
      close: async () => {
        await notifier.close()
        await pool.end()
      },
    }
  }

  const embedded = await startEmbedded({
    dataDir: options.dataDir,
    maxConnections: EMBEDDED_POOL_SIZE + 2,
  })
  const pool = new pg.Pool({
    host: embedded.socketDir,
    port: embedded.socketPort,
    user: 'postgres',
    database: 'postgres',
    max: EMBEDDED_POOL_SIZE,
    Client: PreparedClient,
    // PGlite keeps one session across socket connections, prepared statements included: a
    // new connection (pg closes idle ones after 10 s) re-preparing one got "already exists".
    idleTimeoutMillis: 0,
    // Every page is in memory: a random read costs what a sequential one does. At the default 4,
    // claims of a few deliveries hash-joined every account, 1.3 ms a claim instead of 0.24.
    // A connection replacing a dead one starts without the statements the session still holds.
    // The pool waits for this before it hands the connection out: a query sent while another
    // runs is deprecated by pg 8 and refused by pg 9.
    onConnect: async (client) => {
      await client.query('deallocate all; set random_page_cost = 1.1')
    },
  })
  pool.on('error', () => {})
  const notifier = createLocalNotifier()
  return {
    kind: 'embedded',
    db: drizzle(pool, { schema, casing: 'snake_case' }),
    pool,
    notifier,
    close: async () => {
      await notifier.close()
      await pool.end()
      await embedded.stop()
    },
  }
}

// A URL without a user makes `pg` fall back to $USER, which may be unset or not a role.
function withUser(url: string): string {
  const parsed = new URL(url)
  if (!parsed.username) parsed.username = 'postgres'
  return parsed.toString()
}

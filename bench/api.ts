// `npm run bench -- api [--connections 50 --duration-s 10 --warm-up-s 2 --embedded 1 --server 1
// --bare 1 --me 1 --draft 1 --profile 0]`:
// how many requests a second one Sous process serves. Sous runs as `sous start` does (web and
// worker in one process) in a process of its own, on embedded PGlite and on PostgreSQL; a load
// generator in another process keeps `connections` keep-alive connections busy with one route
// at a time: a bare Hono route in the server process (the ceiling of HTTP on this machine),
// `GET /api/v1/me` with an API token, and a draft `POST /api/v1/workspaces/{ws}/posts`. Prints
// requests/s, latency, SQL statements per request and the load average around each route,
// then one JSON line. `--profile 1` writes the server's CPU profile to .tmp/api-profile/; `--bare 0`,
// `--me 0` or `--draft 0` leave a route out (a profile of one route alone).
import { type ChildProcess, fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import type { LoadResult, LoadSettings } from './api-load.ts'
import type { ApiServerMessage, ApiServerSettings } from './api-server.ts'
import { perUnit, type StatementCounts, total } from './count-statements.ts'
import { readFlags } from './delivery-fixture.ts'
import { freshDatabase } from './fresh-database.ts'

const DEFAULTS = {
  connections: 50,
  durationS: 10,
  warmUpS: 2,
  embedded: 1,
  server: 1,
  bare: 1,
  me: 1,
  draft: 1,
  profile: 0,
}
type Flags = typeof DEFAULTS
const GOALS = { embeddedMe: 2_000, serverMe: 4_000, p99Ms: 50 }

type Route = {
  flag: 'bare' | 'me' | 'draft'
  name: string
  method: 'GET' | 'POST'
  path: string
  body?: string
  bare?: true
}
type Row = LoadResult & {
  backend: string
  route: string
  statementsPerRequest: number
  statements: StatementCounts
  loadBefore: number
  loadAfter: number
}

export async function run(args: string[]): Promise<void> {
  const flags = readFlags(args, DEFAULTS)
  const rows: Row[] = []
  if (flags.embedded) rows.push(...(await backendRun('embedded', flags)))
  if (flags.server) rows.push(...(await backendRun('server', flags)))
  printReport(flags, rows)
}

async function backendRun(kind: 'embedded' | 'server', flags: Flags): Promise<Row[]> {
  const database = kind === 'server' ? await freshDatabase('server') : undefined
  const server = await startServer({ databaseUrl: database?.url }, flags.profile === 1)
  try {
    const { token, workspaceId } = await ownerWithToken(server.sous)
    const routes: Route[] = [
      { flag: 'bare', name: 'bare Hono GET /hello', method: 'GET', path: '/hello', bare: true },
      { flag: 'me', name: 'GET /api/v1/me', method: 'GET', path: '/api/v1/me' },
      {
        flag: 'draft',
        name: 'POST a draft',
        method: 'POST',
        path: `/api/v1/workspaces/${workspaceId}/posts`,
        body: JSON.stringify({
          text: 'Bench idea {{n}}',
          variants: [{ network: 'bluesky', text: 'Bench draft {{n}}' }],
        }),
      },
    ]
    const rows: Row[] = []
    for (const route of routes.filter((r) => flags[r.flag] === 1)) {
      const loadBefore = os.loadavg()[0] ?? 0
      await server.statements()
      const result = await generateLoad({
        url: route.bare ? server.bare : server.sous,
        method: route.method,
        path: route.path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(route.body ? { 'content-type': 'application/json' } : {}),
        },
        body: route.body,
        connections: flags.connections,
        warmUpMs: flags.warmUpS * 1_000,
        durationMs: flags.durationS * 1_000,
      })
      const statements = await server.statements()
      rows.push({
        backend: kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL',
        route: route.name,
        ...result,
        // Counted over warm-up and measurement alike, so divided by every request sent.
        statementsPerRequest: route.bare ? 0 : round(total(statements) / Math.max(1, result.sent)),
        statements,
        loadBefore,
        loadAfter: os.loadavg()[0] ?? 0,
      })
    }
    return rows
  } finally {
    await server.stop()
    await database?.close()
  }
}

const round = (n: number) => Math.round(n * 100) / 100

type Server = {
  sous: string
  bare: string
  statements: () => Promise<StatementCounts>
  stop: () => Promise<void>
}

async function startServer(settings: ApiServerSettings, profile: boolean): Promise<Server> {
  const script = fileURLToPath(new URL('./api-server.ts', import.meta.url))
  const child = fork(script, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir=.tmp/api-profile'] : []),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  child.send(settings)
  const ready = await reply(child, 'ready')
  return {
    sous: ready.sous,
    bare: ready.bare,
    statements: async () => {
      const answer = reply(child, 'statements')
      child.send('count')
      return (await answer).statements
    },
    stop: async () => {
      const stopped = reply(child, 'stopped')
      child.send('stop')
      await stopped
    },
  }
}

function reply<T extends ApiServerMessage['type']>(child: ChildProcess, type: T) {
  return new Promise<Extract<ApiServerMessage, { type: T }>>((resolve, reject) => {
    const onMessage = (message: ApiServerMessage) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message as Extract<ApiServerMessage, { type: T }>)
    }
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

async function generateLoad(settings: LoadSettings): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./api-load.ts', import.meta.url))
  const child = fork(script, [], { execArgv: ['--import', 'tsx'] })
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message: LoadResult) => resolve(message))
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)))
  })
  child.send(settings)
  return result
}

/** The first-run setup (owner, workspace, session), then a personal API token. */
async function ownerWithToken(url: string) {
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'owner@bench.invalid',
      password: 'bench-password-long-enough',
      workspace: 'Bench',
    }),
  })
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`)
  const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0])[0] ?? ''
  const { workspace } = (await setup.json()) as { workspace: { id: string } }
  const created = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench', workspaceId: workspace.id }),
  })
  if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`)
  const { token } = (await created.json()) as { token: string }
  return { token, workspaceId: workspace.id }
}

function printReport(flags: Flags, rows: Row[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nAPI: ${flags.connections} keep-alive connections, ${flags.durationS} s per route after ${flags.warmUpS} s of warm-up; one Sous process (web + worker), the load generator in another`,
  )
  console.log(
    `${'backend'.padEnd(17)}${'route'.padEnd(22)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('errors', 8)}${pad('stmts', 7)}  load avg`,
  )
  for (const r of rows) {
    console.log(
      `${r.backend.padEnd(17)}${r.route.padEnd(22)}${pad(r.perSecond, 8)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.maxMs, 8)}${pad(r.errors, 8)}${pad(r.statementsPerRequest || '', 7)}  ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
    )
  }
  console.log('\nSQL statements per request, by kind')
  for (const r of rows.filter((r) => r.statementsPerRequest > 0)) {
    console.log(`${r.backend.padEnd(17)}${r.route.padEnd(22)}${perUnit(r.statements, r.sent)}`)
  }
  for (const r of rows.filter((r) => r.firstError)) {
    console.log(`${r.backend} ${r.route}: first error ${r.firstError}`)
  }
  const me = rows.filter((r) => r.route === 'GET /api/v1/me')
  const goalOf = (r: Row) => (r.backend === 'PostgreSQL' ? GOALS.serverMe : GOALS.embeddedMe)
  const goals = {
    meThroughput: me.length > 0 && me.every((r) => r.perSecond >= goalOf(r)),
    meP99: me.length > 0 && me.every((r) => r.p99Ms <= GOALS.p99Ms),
    noErrors: rows.every((r) => r.errors === 0),
  }
  const word = (met: boolean) => (met ? 'met' : 'MISSED')
  console.log(
    `\nGoals (GET /me): ≥ ${GOALS.embeddedMe} req/s embedded, ≥ ${GOALS.serverMe} on PostgreSQL ${word(goals.meThroughput)}; p99 ≤ ${GOALS.p99Ms} ms ${word(goals.meP99)}; no errors ${word(goals.noErrors)}. Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(
    JSON.stringify({
      bench: 'api',
      flags,
      results: rows.map(({ statements: _, ...r }) => r),
      goals,
      loadavg: os.loadavg(),
    }),
  )
}

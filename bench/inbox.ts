// `npm run bench -- inbox [--items N --ingest N --accounts 200 --embedded 1 --server 1]`:
// an inbox of N items over 200 accounts in one workspace (the worst case for its first page).
// `--ingest` items go through the real ingest command (classification, routing, people,
// batched multi-row inserts, 500 events a call as a poll page brings them); the rest is
// filled by SQL in the same shape, so a million rows do not take the whole run. Then the
// inbox route is called in-process (auth, query, hydration, presenter), unfiltered and with
// each filter, p50/p99 over repeated calls; EXPLAIN names the index each plan uses.
// Baselines measured in the same run: one-by-one ingest (one event a call), and a deep page
// read with OFFSET against the same page reached by the route's keyset cursor.
// Defaults: embedded 100,000 items (20,000 ingested), PostgreSQL 1,000,000 (200,000 ingested);
// `--concurrency 8` accounts ingest at a time, as the worker runs several polls at once (it may run 50).

import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { ingestInboxEvents } from '../src/commands/ingest-inbox-events.ts'
import { replaceRoutingRules } from '../src/commands/replace-routing-rules.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import { loadConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import type { InboxEvent } from '../src/networks/types.ts'
import { hashPassword } from '../src/security/password.ts'
import { createApp } from '../src/server/app.ts'
import { accounts, memberships, users } from '../src/store/schema/index.ts'
import { type BenchDatabase, freshDatabase } from './fresh-database.ts'

const DEFAULTS = {
  items: 0,
  ingest: 0,
  accounts: 200,
  embedded: 1,
  server: 1,
  calls: 200,
  concurrency: 8,
}
type Flags = typeof DEFAULTS
const SIZES = {
  embedded: { items: 100_000, ingest: 20_000 },
  server: { items: 1_000_000, ingest: 200_000 },
}
const BATCH = 500
const PASSWORD = 'a long bench passphrase'

function readFlags(args: string[]): Flags {
  const flags = { ...DEFAULTS }
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '') as keyof Flags
    if (!(key in flags)) throw new Error(`unknown flag ${args[i]}`)
    flags[key] = Number(args[i + 1])
  }
  return flags
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

// Realistic messages in the four languages triage reads, so classification does real work.
const TEXTS = [
  'Where is my order? It has been two weeks',
  'Is the shop open on Sunday?',
  'Thank you, the new app is lovely 😍',
  'Your support never answers, this is the third time I ask. Terrible.',
  'Could you add a dark mode? Would love that',
  'Wo bleibt meine Bestellung? Seit zwei Wochen nichts',
  'Merci beaucoup, super service !',
  '¿Cuándo abre la tienda mañana?',
  'Not bad at all, but the checkout is slow',
  'WIN FREE CRYPTO click here now!!! http://spam.example',
  'great, another outage. just great.',
  'how do I reset my password?',
]

function events(account: number, from: number, count: number, now: number): InboxEvent[] {
  return Array.from({ length: count }, (_, k) => {
    const n = from + k
    const author = (n * 7919) % 20_000
    return {
      id: `bench-${account}-${n}`,
      kind: n % 10 === 9 ? 'reply' : 'mention',
      author: { id: `p${author}`, handle: `person${author}.example`, displayName: '', bio: '' },
      createdAt: new Date(now - n * 997).toISOString(),
      text: `${TEXTS[n % TEXTS.length]} #${n}`,
      uri: `at://bench/${account}/${n}`,
    }
  })
}

async function runOne(kind: 'embedded' | 'server', flags: Flags) {
  const size = SIZES[kind]
  const total = flags.items || size.items
  const ingestTotal = Math.min(total, flags.ingest || size.ingest)
  const database = await freshDatabase(kind)
  try {
    const { user, workspace } = await setupInstance(database.db, {
      email: 'bench@example.com',
      password: PASSWORD,
      workspaceName: 'Bench',
    })
    const members = [user.id]
    for (let m = 0; m < 4; m++) {
      const [member] = await database.db
        .insert(users)
        .values({ email: `member${m}@example.com`, passwordHash: await hashPassword(PASSWORD) })
        .returning()
      if (!member) throw new Error('no member')
      await database.db
        .insert(memberships)
        .values({ workspaceId: workspace.id, userId: member.id, role: 'editor' })
      members.push(member.id)
    }
    const accountIds = Array.from({ length: flags.accounts }, () => randomUUID())
    await database.db.insert(accounts).values(
      accountIds.map((id, n) => ({
        id,
        workspaceId: workspace.id,
        network: n % 2 ? 'mastodon' : 'bluesky',
        networkAccountId: `bench:${n}`,
        handle: `account${n}.example`,
        url: `https://example.com/${n}`,
        service: 'https://example.com',
        credentials: 'sealed',
      })),
    )
    // Routing applies at ingest, as it would: three rules that assign, tag and raise priority.
    await replaceRoutingRules(database, {
      workspaceId: workspace.id,
      userId: user.id,
      rules: [
        {
          name: 'complaints to member 1',
          conditions: { kinds: ['complaint'] },
          actions: { assigneeId: members[1] ?? null, priority: 'high' },
        },
        {
          name: 'questions to member 2',
          conditions: { kinds: ['question'] },
          actions: { assigneeId: members[2] ?? null, tags: ['question'] },
        },
        { name: 'spam', conditions: { kinds: ['spam'] }, actions: { spam: true } },
      ],
    })
    const now = Date.now()
    const perAccount = Math.ceil(ingestTotal / flags.accounts)

    // Baseline: the same ingest, one event a call.
    const oneByOne = Math.min(1_000, perAccount)
    const baselineStart = performance.now()
    for (const event of events(0, 0, oneByOne, now - 86_400_000))
      await ingestInboxEvents(
        database,
        { id: accountIds[0] ?? '', workspaceId: workspace.id, network: 'bluesky' },
        [event],
      )
    const baselineRate = oneByOne / ((performance.now() - baselineStart) / 1000)

    // Accounts ingest side by side, as the worker runs their polls (SOUS_WORKER_CONCURRENCY).
    let ingested = 0
    let nextAccount = 0
    const ingestStart = performance.now()
    const ingestAccounts = async () => {
      for (let a = nextAccount++; a < flags.accounts; a = nextAccount++) {
        const account = {
          id: accountIds[a] ?? '',
          workspaceId: workspace.id,
          network: a % 2 ? 'mastodon' : 'bluesky',
        }
        const first = a === 0 ? oneByOne : 0
        const upto = Math.min(perAccount, ingestTotal - a * perAccount)
        for (let from = first; from < upto; from += BATCH) {
          const batch = events(a, from, Math.min(BATCH, upto - from), now)
          const stored = await ingestInboxEvents(database, account, batch)
          ingested += stored.itemIds.length
        }
      }
    }
    await Promise.all(Array.from({ length: flags.concurrency }, ingestAccounts))
    const ingestS = (performance.now() - ingestStart) / 1000
    const ingestRate = ingested / ingestS
    const ingestLoad = loadavg()

    // The rest in the same shape by SQL, 100,000 rows a statement.
    const fillStart = performance.now()
    const existing = Number(
      (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from inbox_items`))
        .rows[0]?.n ?? 0,
    )
    for (let done = existing; done < total; done += 100_000) {
      const upto = Math.min(total, done + 100_000)
      await database.db.execute(sql`
        insert into inbox_items (id, workspace_id, account_id, source, dedupe_key, network,
          event_kind, uri, text, conversation_key, created_at, kind, sentiment, reasons, status,
          assignee_id, priority, tags)
        select gen_random_uuid(), ${workspace.id}::uuid,
          (${sql.param(accountIds)}::uuid[])[1 + i % ${flags.accounts}::int], 'network', 'fill:' || i,
          case when i % 2 = 1 then 'mastodon' else 'bluesky' end, 'mention', 'at://fill/' || i,
          'filler message ' || i, 'at://fill/' || (i / 3),
          now() - (i * interval '1 second'),
          (array['question','complaint','praise','feedback','spam','other'])[1 + i % 6],
          (array['positive','neutral','negative'])[1 + i % 3], '[]'::jsonb,
          (array['done','done','done','done','done','done','done','open','open','waiting','waiting','snoozed'])[1 + (i * 7) % 12],
          case when i % 10 < 3 then null else (${sql.param(members)}::uuid[])[1 + i % ${members.length}::int] end,
          case when i % 10 = 0 then 1 else 0 end, '{}'::text[]
        from generate_series(${done + 1}::int, ${upto}::int) as i`)
    }
    // What autovacuum does to a table that grew over months: statistics and the visibility map
    // (without it no index-only scan pays off, and plans differ from a settled instance's).
    await database.db.execute(sql`vacuum (analyze) inbox_items`)
    const fillS = (performance.now() - fillStart) / 1000

    const config = loadConfig({ LOG_LEVEL: 'silent', SOUS_PUBLIC_URL: 'http://sous.bench' })
    const { app } = createApp({
      database,
      config,
      logger: createLogger(config),
      secret: randomBytes(32),
    })
    const login = await app.request('http://sous.bench/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
    const base = `http://sous.bench/api/v1/workspaces/${workspace.id}/inbox`
    const call = async (query: string) => {
      const t0 = performance.now()
      const res = await app.request(`${base}${query}`, { headers: { cookie } })
      const body = (await res.json()) as { items?: unknown[]; next?: string | null }
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`)
      return { ms: performance.now() - t0, items: body.items?.length ?? 0, next: body.next ?? null }
    }
    const views: Record<string, string> = {
      all: '',
      open: '?status=open',
      assignee: `?assignee=${members[1]}`,
      unassigned: '?assignee=none',
      account: `?account=${accountIds[7]}`,
      kind: '?kind=complaint',
      openQuestions: '?status=open&kind=question',
      openOnAccount: `?status=open&account=${accountIds[7]}`,
      mineOpen: `?status=open&assignee=${members[1]}`,
    }
    const firstPage: Record<string, { p50: number; p99: number; items: number; index: string }> = {}
    for (const [name, query] of Object.entries(views)) {
      await call(query)
      const times: number[] = []
      let items = 0
      for (let i = 0; i < flags.calls; i++) {
        const r = await call(query)
        times.push(r.ms)
        items = r.items
      }
      times.sort((a, b) => a - b)
      firstPage[name] = {
        p50: round(quantile(times, 0.5)),
        p99: round(quantile(times, 0.99)),
        items,
        index: await planIndex(database, workspace.id, query, members, accountIds),
      }
    }

    // Baseline: the unfiltered first page as one plain ORDER BY over the workspace.
    const naive: number[] = []
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now()
      await database.db.execute(sql`
        select id from inbox_items where workspace_id = ${workspace.id}::uuid
        order by priority desc, created_at desc, id desc limit 50`)
      naive.push(performance.now() - t0)
    }
    naive.sort((a, b) => a - b)

    // Baseline: page 100 (items 4,951–5,000) by OFFSET, against the route's keyset cursor.
    let cursor: string | null = null
    for (let page = 1; page < 100; page++)
      cursor = (await call(cursor ? `?before=${encodeURIComponent(cursor)}` : '')).next
    const keyset: number[] = []
    const offset: number[] = []
    for (let i = 0; i < 30; i++) {
      keyset.push((await call(`?before=${encodeURIComponent(cursor ?? '')}`)).ms)
      const t0 = performance.now()
      await database.db.execute(sql`
        select id from inbox_items where workspace_id = ${workspace.id}::uuid
        order by priority desc, created_at desc, id desc offset 4950 limit 50`)
      offset.push(performance.now() - t0)
    }
    keyset.sort((a, b) => a - b)
    offset.sort((a, b) => a - b)
    return {
      backend: kind,
      items: total,
      accounts: flags.accounts,
      ingested,
      concurrency: flags.concurrency,
      ingestPerS: Math.round(ingestRate),
      ingestS: round(ingestS),
      ingestLoad,
      baselineOneByOnePerS: Math.round(baselineRate),
      fillS: round(fillS),
      firstPage,
      baselineNaiveFirstPageQuery: {
        p50: round(quantile(naive, 0.5)),
        p99: round(quantile(naive, 0.99)),
      },
      page100: {
        keysetRouteP50: round(quantile(keyset, 0.5)),
        keysetRouteP99: round(quantile(keyset, 0.99)),
        baselineOffsetQueryP50: round(quantile(offset, 0.5)),
        baselineOffsetQueryP99: round(quantile(offset, 0.99)),
      },
      loadavg: loadavg(),
    }
  } finally {
    await database.close()
  }
}

/** The index the page query's plan starts from (EXPLAIN), to show no view falls back to a scan. */
async function planIndex(
  database: BenchDatabase,
  workspaceId: string,
  query: string,
  members: string[],
  accountIds: string[],
): Promise<string> {
  const params = new URLSearchParams(query)
  const conditions = [sql`workspace_id = ${workspaceId}::uuid`]
  const status = params.get('status')
  const assignee = params.get('assignee')
  const account = params.get('account')
  const kind = params.get('kind')
  if (assignee === 'none') conditions.push(sql`assignee_id is null`)
  else if (assignee && members.includes(assignee))
    conditions.push(sql`assignee_id = ${assignee}::uuid`)
  if (account && accountIds.includes(account)) conditions.push(sql`account_id = ${account}::uuid`)
  if (kind) conditions.push(sql`kind = ${kind}`)
  // The query inboxPageIds sends: one scan per status when none is asked for.
  const lead = assignee === 'none' ? sql`assignee_id desc, ` : sql``
  const page = (one: string) => sql`(select id, priority, created_at from inbox_items
    where ${sql.join([...conditions, sql`status = ${one}`], sql` and `)}
    order by ${lead}priority desc, created_at desc, id desc limit 50)`
  const statuses = status ? [status] : ['open', 'waiting', 'done', 'snoozed']
  const plan = await database.db.execute<{ 'QUERY PLAN': string }>(sql`
    explain select id from (${sql.join(statuses.map(page), sql` union all `)}) as p
    order by priority desc, created_at desc, id desc limit 50`)
  const lines = plan.rows.map((r) => r['QUERY PLAN'])
  const scans = [
    ...new Set(
      lines.flatMap((l) => {
        const m =
          /(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)( Backward)?( using (\w+))?/.exec(
            l,
          )
        return m ? [`${m[1]}${m[4] ? ` ${m[4]}` : ''}`] : []
      }),
    ),
  ]
  return scans.join(' + ')
}

export async function run(args: string[]) {
  const flags = readFlags(args)
  const results = []
  for (const kind of ['embedded', 'server'] as const) {
    if (!flags[kind]) continue
    console.log(`inbox bench on ${kind} (load ${loadavg()}) …`)
    const r = await runOne(kind, flags)
    results.push(r)
    console.log(
      `  ${r.items.toLocaleString('en')} items over ${r.accounts} accounts (${r.ingested.toLocaleString('en')} ingested, the rest filled by SQL in ${r.fillS} s)`,
    )
    console.log(
      `  ingest          ${r.ingestPerS.toLocaleString('en')} items/s batched (${BATCH} a call, ${flags.concurrency} accounts at a time, ${r.ingestS} s, load ${r.ingestLoad})  vs one by one ${r.baselineOneByOnePerS.toLocaleString('en')} items/s (goal ≥ 5,000)`,
    )
    for (const [name, v] of Object.entries(r.firstPage))
      console.log(
        `  first page ${name.padEnd(14)} p50 ${String(v.p50).padStart(6)} ms  p99 ${String(v.p99).padStart(6)} ms  (${v.items} items; ${v.index})`,
      )
    console.log(
      `  baseline        unfiltered first page as one ORDER BY (query alone) p50 ${r.baselineNaiveFirstPageQuery.p50} / p99 ${r.baselineNaiveFirstPageQuery.p99} ms`,
    )
    console.log(
      `  page 100        keyset route p50 ${r.page100.keysetRouteP50} / p99 ${r.page100.keysetRouteP99} ms  vs OFFSET query alone p50 ${r.page100.baselineOffsetQueryP50} / p99 ${r.page100.baselineOffsetQueryP99} ms`,
    )
    console.log(`  goal: first page p99 ≤ 50 ms (load ${r.loadavg})`)
  }
  console.log(JSON.stringify({ bench: 'inbox', results }))
}

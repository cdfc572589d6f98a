import type pg from 'pg'

// The worker's hot path in raw SQL on the pool: each is one short statement, so nothing
// holds a transaction open while a handler runs (embedded PGlite runs one at a time).

export type ClaimedJob = {
  id: number
  name: string
  version: number
  payload: unknown
  runAt: Date
  attempts: number
  maxAttempts: number
}

type ClaimedRow = Omit<ClaimedJob, 'id'> & { id: string | null; nextDueMs: number | null }

// One statement per turn of the worker: mark the jobs finished since the last turn done, claim
// due jobs with two locking scans on their partial indexes (due pending jobs in run_at order,
// and running jobs whose lease passed: their worker died), and say when the next one is due.
// A finished job is kept out of the expired scan: one statement must not update a row twice.
// Limited kinds ($5 names, $6 their limit, $7 its free slots): a full limit's kinds are left
// out of the scan and of the next due time; a limit with room takes its first due jobs up to
// the room, and the rows it leaves locked are free again when the statement ends. A job
// whose lease passed is taken whatever its limit: the limit is a bound on normal running.
const CLAIM = `
  with finished as (
    update jobs set state = 'done', finished_at = now(), locked_by = null, locked_until = null
    where id = any($4::bigint[]) and locked_by = $1 and state = 'running'
  ), limited as (
    select * from unnest($5::text[], $6::text[], $7::int[]) as l(name, lim, room)
  ), due as (
    select id, name, run_at from jobs where state = 'pending' and run_at <= now()
      and name <> all(array(select name from limited where room <= 0))
    order by run_at limit $3 for update skip locked
  ), allowed as (
    select id from due where name <> all($5::text[])
    union all
    select id from (
      select d.id, l.room, row_number() over (partition by l.lim order by d.run_at) as n
      from due d join limited l on l.name = d.name
    ) r where r.n <= r.room
  ), expired as (
    select id from jobs where state = 'running' and locked_until < now()
      and id <> all($4::bigint[])
    limit $3 for update skip locked
  ), claimed as (
    update jobs set state = 'running', locked_by = $1, attempts = attempts + 1,
      locked_until = now() + $2 * interval '1 millisecond'
    where id in (select id from (select id from expired union all select id from allowed) c limit $3)
    returning id, name, version, payload, run_at, attempts, max_attempts
  ), full_after as (
    select l.name from limited l left join (
      select m.lim, count(*) as n from claimed c join limited m on m.name = c.name group by m.lim
    ) t on t.lim = l.lim
    where l.room <= coalesce(t.n, 0)
  ), next as (
    select (extract(epoch from least(
      (select min(run_at) from jobs where state = 'pending' and id not in (select id from claimed)
        and name <> all(array(select name from full_after))),
      (select min(locked_until) from jobs where state = 'running')
    ) - clock_timestamp()) * 1000)::float8 as ms
  )
  select c.id, c.name, c.version, c.payload, c.run_at as "runAt", c.attempts,
    c.max_attempts as "maxAttempts", next.ms as "nextDueMs"
  from next left join claimed c on true`

/** A limited kind, with its limit's name and how many more of that limit may start now. */
export type LimitedKind = { name: string; limit: string; room: number }

export type Claim = {
  jobs: ClaimedJob[]
  /** Milliseconds until an unclaimed pending job is due or a running job's lease passes; null when none. */
  nextDueMs: number | null
}

/**
 * Marks `done` finished, claims up to `limit` jobs (oldest due first, limited kinds within
 * their room) and reads when the next is due, in one statement where three ran (bench/delivery-lag.ts counts them).
 */
export async function claimJobs(
  pool: pg.Pool,
  input: {
    workerId: string
    leaseMs: number
    limit: number
    done: number[]
    limited?: readonly LimitedKind[]
  },
): Promise<Claim> {
  const limited = input.limited ?? []
  const { rows } = await pool.query<ClaimedRow>({
    name: 'sous-claim-jobs',
    text: CLAIM,
    values: [
      input.workerId,
      input.leaseMs,
      input.limit,
      input.done,
      limited.map((k) => k.name),
      limited.map((k) => k.limit),
      limited.map((k) => k.room),
    ],
  })
  const jobs = rows
    .filter((row) => row.id !== null)
    .map(({ nextDueMs: _, ...row }) => ({ ...row, id: Number(row.id) }))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime())
  return { jobs, nextDueMs: rows[0]?.nextDueMs ?? null }
}

// Every write below is guarded by `locked_by = $worker and state = 'running'`: a worker
// that lost its lease (paused past it) never overwrites the job's new owner.

/** Marks finished jobs done when no claim carries them (a worker stopping, a failed claim). */
export async function markDone(pool: pg.Pool, workerId: string, ids: number[]): Promise<void> {
  await pool.query(
    `update jobs set state = 'done', finished_at = now(), locked_by = null, locked_until = null
     where id = any($1::bigint[]) and locked_by = $2 and state = 'running'`,
    [ids, workerId],
  )
}

export async function markDead(
  pool: pg.Pool,
  input: { workerId: string; id: number; error: string },
): Promise<void> {
  await pool.query(
    `update jobs set state = 'dead', finished_at = now(), last_error = $3, locked_by = null,
       locked_until = null
     where id = $1 and locked_by = $2 and state = 'running'`,
    [input.id, input.workerId, input.error],
  )
}

export async function markRetry(
  pool: pg.Pool,
  input: { workerId: string; id: number; delayMs: number; error: string },
): Promise<void> {
  await pool.query(
    `update jobs set state = 'pending', run_at = now() + $3 * interval '1 millisecond',
       last_error = $4, locked_by = null, locked_until = null
     where id = $1 and locked_by = $2 and state = 'running'`,
    [input.id, input.workerId, input.delayMs, input.error],
  )
}

/** Extends the leases of jobs still running here; returns the ids this worker still holds. */
export async function renewLeases(
  pool: pg.Pool,
  input: { workerId: string; ids: number[]; leaseMs: number },
): Promise<Set<number>> {
  const { rows } = await pool.query<{ id: string }>(
    `update jobs set locked_until = now() + $3 * interval '1 millisecond'
     where id = any($1::bigint[]) and locked_by = $2 and state = 'running'
     returning id`,
    [input.ids, input.workerId, input.leaseMs],
  )
  return new Set(rows.map((row) => Number(row.id)))
}

/** Hands unfinished jobs back (a graceful stop): pending again, not counted as an attempt. */
export async function releaseJobs(pool: pg.Pool, workerId: string, ids: number[]): Promise<void> {
  await pool.query(
    `update jobs set state = 'pending', locked_by = null, locked_until = null,
       attempts = greatest(attempts - 1, 0)
     where id = any($1::bigint[]) and locked_by = $2 and state = 'running'`,
    [ids, workerId],
  )
}

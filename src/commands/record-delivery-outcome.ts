import { and, eq, sql } from 'drizzle-orm'
import {
  type AttemptOutcome,
  type Decision,
  decideAfterAttempt,
} from '../core/delivery/delivery-state.ts'
import { retryPolicyOf } from '../queue/define-job.ts'
import { enqueueMany, JOBS_CHANNEL } from '../queue/enqueue.ts'
import { deliverJobKey, deliverSpec } from '../queue/specs/deliver-spec.ts'
import type { Database } from '../store/connect.ts'
import { deliveries } from '../store/schema/index.ts'
import type { Claimed } from './claim-delivery.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'

/** What one attempt at a claimed delivery came back with. */
export type Attempt = { claimed: Claimed; outcome: AttemptOutcome }

/** Stores what one attempt decided; see recordDeliveryOutcomes. */
export async function recordDeliveryOutcome(
  database: Database,
  claimed: Claimed,
  outcome: AttemptOutcome,
  now = new Date(),
): Promise<Decision> {
  const [decision] = await recordDeliveryOutcomes(database, [{ claimed, outcome }], now)
  return decision as Decision
}

/**
 * Stores what attempts decided, each atomically with its consequences: the audit entry of a
 * publish (naming the person or approval behind it), the next thread segment, the retry's
 * run, or the account's "needs attention". Only a delivery still `claimed` is recorded: when
 * another run of it (a worker that lost its lease) recorded it first, nothing happens twice.
 * Answers by position.
 */
export async function recordDeliveryOutcomes(
  database: Database,
  attempts: Attempt[],
  now = new Date(),
): Promise<Decision[]> {
  const decisions = attempts.map(({ claimed: { delivery }, outcome }) =>
    decideAfterAttempt(
      {
        state: delivery.state,
        dueAt: delivery.dueAt.getTime(),
        attempts: delivery.attempts,
        reconcile: delivery.reconcile,
      },
      outcome,
      now.getTime(),
    ),
  )
  const published = new Map<string, Published>()
  for (const [i, decision] of decisions.entries()) {
    const { claimed, outcome } = attempts[i] as Attempt
    if (decision.state !== 'published')
      await recordUnpublished(database, claimed, outcome, decision, now)
    else if (!published.has(claimed.delivery.id))
      published.set(claimed.delivery.id, { claimed, decision })
  }
  if (published.size > 0) await recordPublished(database, [...published.values()], now)
  return decisions
}

type Published = { claimed: Claimed; decision: Extract<Decision, { state: 'published' }> }

// One statement for a whole batch of publishes: the state, the audit entries, the next thread
// segments made due with their jobs. One statement where a transaction of five ran per delivery
// (bench/delivery-lag.ts).
async function recordPublished(database: Database, published: Published[], now: Date) {
  const column = (pick: (p: Published) => string | null) => sql.param(published.map(pick))
  const { rows } = await database.db.execute<{ queued: number }>(sql`
    with input as (
      select * from unnest(
        ${column((p) => p.claimed.delivery.id)}::uuid[], ${column((p) => p.decision.uri)}::text[],
        ${column((p) => p.decision.url)}::text[],
        ${column((p) => p.claimed.account.workspaceId)}::uuid[],
        ${column((p) => p.claimed.account.id)}::text[],
        ${column((p) => p.claimed.post.approvedBy ?? p.claimed.post.createdBy)}::uuid[],
        ${column((p) => `schedule:${p.claimed.post.id}`)}::text[]
      ) as i(id, uri, url, workspace_id, account_id, actor_user_id, actor_label)
    ), recorded as (
      update deliveries d set state = 'published', uri = i.uri, url = i.url, error = null,
        reconcile = false, published_at = ${now}, updated_at = ${now}
      from input i where d.id = i.id and d.state = 'claimed'
      returning d.id, d.variant_id, d.segment
    ), audit as (
      insert into audit_log (action, workspace_id, actor_user_id, actor_label, target_type,
        target_id, data)
      select 'post.published', i.workspace_id, i.actor_user_id, i.actor_label, 'delivery',
        r.id::text, jsonb_build_object('accountId', i.account_id, 'uri', i.uri, 'url', i.url,
          'segment', r.segment)
      from recorded r join input i on i.id = r.id
    ), next as (
      -- The thread goes on right away: its later segments are due when the one before is out.
      update deliveries n set run_at = ${now}, due_at = ${now}
      from recorded r where n.variant_id = r.variant_id and n.segment = r.segment + 1
      returning n.id
    ), queued as (
      -- The job enqueueMany would write, keyed deliverJobKey(n.id, now).
      insert into jobs (name, version, payload, unique_key, run_at, max_attempts)
      select ${deliverSpec.id}, ${deliverSpec.version}, jsonb_build_object('deliveryId', n.id),
        'deliver:' || n.id || ${`:${now.getTime()}`}::text, ${now},
        ${retryPolicyOf(deliverSpec).maxAttempts}::int
      from next n
      on conflict do nothing
      returning id
    )
    select count(*)::int as queued from queued`)
  if ((rows[0]?.queued ?? 0) > 0) await database.notifier.notify(JOBS_CHANNEL)
}

async function recordUnpublished(
  database: Database,
  claimed: Claimed,
  outcome: AttemptOutcome,
  decision: Exclude<Decision, { state: 'published' }>,
  now: Date,
) {
  const { delivery, account } = claimed
  await database.db.transaction(async (tx) => {
    const base = { state: decision.state, updatedAt: now }
    const where = and(eq(deliveries.id, delivery.id), eq(deliveries.state, 'claimed'))
    const attempts =
      'failure' in outcome && outcome.failure.kind !== 'rate_limited'
        ? delivery.attempts + 1
        : delivery.attempts
    if (decision.state === 'retry_wait') {
      const runAt = new Date(decision.runAt)
      const recorded = await tx
        .update(deliveries)
        .set({ ...base, runAt, attempts, error: decision.error, reconcile: decision.reconcile })
        .where(where)
        .returning({ id: deliveries.id })
      if (recorded.length === 0) return
      await enqueueMany(
        database,
        deliverSpec,
        [
          {
            payload: { deliveryId: delivery.id },
            runAt,
            uniqueKey: deliverJobKey(delivery.id, runAt),
          },
        ],
        { executor: tx },
      )
      return
    }
    const error = 'error' in decision ? decision.error : null
    const recorded = await tx
      .update(deliveries)
      .set({ ...base, attempts, error })
      .where(where)
      .returning({ id: deliveries.id })
    if (recorded.length > 0 && decision.state === 'held') {
      await markAccountNeedsAttention(tx, {
        accountId: account.id,
        reason: error ?? 'credentials refused',
      })
    }
  })
}

import { randomUUID } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { BASELINE_MINUTES, detectSpike, type Spike } from '../core/listen/detect-spike.ts'
import { fillMinutes } from '../core/listen/minute-buckets.ts'
import type { Db } from '../store/connect.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'
import { readListenVolume } from '../store/queries/read-listen-volume.ts'
import { recordAudit } from '../store/record-audit.ts'
import { brakes, listenAlerts, listenMatches } from '../store/schema/index.ts'
import { engageBrake } from './engage-brake.ts'

export type RaisedAlert = { id: string; target: ListenTarget; spike: Spike; brakeId: string | null }

/**
 * Checks the searches a batch touched for a spike in their newest minute. An alert is raised
 * once per cooldown: the search's `last_alert_at` is claimed with a conditional update, so two
 * workers (or two batches) racing over the same spike raise one alert. A crisis watch spike
 * engages the workspace's brake first (the one thing Sous may do unasked), then records the
 * alert and audits the numbers; it never releases a brake.
 */
export async function raiseListenAlerts(
  db: Db,
  touched: Iterable<{ target: ListenTarget; minute: Date }>,
  options: { publicUrl: string; now?: Date },
): Promise<RaisedAlert[]> {
  const now = options.now ?? new Date()
  const raised: RaisedAlert[] = []
  const checked = [...touched].filter(({ target }) => target.alert)
  if (checked.length === 0) return raised
  // One read for every search the batch touched: the oldest baseline start to the newest minute.
  const earliest = Math.min(...checked.map((c) => c.minute.getTime())) - BASELINE_MINUTES * 60_000
  const latest = Math.max(...checked.map((c) => c.minute.getTime())) + 60_000
  const volumes = await readListenVolume(
    db,
    checked.map((c) => c.target.id),
    new Date(earliest),
    new Date(latest),
  )
  for (const { target, minute } of checked) {
    if (!target.alert) continue
    const from = new Date(minute.getTime() - BASELINE_MINUTES * 60_000)
    const volume = volumes.get(target.id) ?? new Map<number, number>()
    const history = fillMinutes(volume, from, minute, target.observedFrom).map((m) => m.count)
    const spike = detectSpike(volume.get(minute.getTime()) ?? 0, history, target.alert)
    if (!spike.spike) continue
    if (!(await claimAlert(db, target, now))) continue
    const id = randomUUID()
    const brakeId =
      target.kind === 'crisis'
        ? await brakeFor(db, target, spike, minute, id, options.publicUrl)
        : null
    const samples = await db
      .select({ uri: listenMatches.uri, text: listenMatches.text })
      .from(listenMatches)
      .where(eq(listenMatches.searchId, target.id))
      .orderBy(desc(listenMatches.matchedAt))
      .limit(5)
    await db.transaction(async (tx) => {
      await tx.insert(listenAlerts).values({
        id,
        workspaceId: target.workspaceId,
        kind: target.kind === 'crisis' ? 'crisis' : 'spike',
        searchId: target.id,
        searchName: target.name,
        minute,
        volume: spike.volume,
        baseline: spike.baseline,
        threshold: spike.threshold,
        samples: samples.map((s) => ({ uri: s.uri, text: s.text.slice(0, 500) })),
        brakeId,
      })
      await recordAudit(tx, {
        action: target.kind === 'crisis' ? 'crisis_watch.triggered' : 'search.spiked',
        workspaceId: target.workspaceId,
        actorLabel: target.kind === 'crisis' ? 'crisis watch' : 'saved search alert',
        targetType: 'listen_alert',
        targetId: id,
        data: {
          search: { id: target.id, name: target.name },
          minute: minute.toISOString(),
          volume: spike.volume,
          baseline: spike.baseline,
          threshold: spike.threshold,
          sensitivity: target.alert?.sensitivity,
          brakeId,
          evidence: evidenceUrl(options.publicUrl, target.workspaceId, id),
        },
      })
    })
    raised.push({ id, target, spike, brakeId })
  }
  return raised
}

async function claimAlert(db: Db, target: ListenTarget, now: Date): Promise<boolean> {
  const table = target.kind === 'crisis' ? 'crisis_watches' : 'saved_searches'
  const cooldown = target.alert?.cooldownMinutes ?? 60
  const result = await db.execute(sql`
    update ${sql.identifier(table)} set last_alert_at = ${now.toISOString()}::timestamptz
    where id = ${target.id}::uuid and (last_alert_at is null
      or last_alert_at <= ${now.toISOString()}::timestamptz - ${cooldown} * interval '1 minute')`)
  return (result.rowCount ?? 0) > 0
}

/** The workspace's engaged brake, or a new one engaged by crisis watch with the numbers and the evidence. */
async function brakeFor(
  db: Db,
  target: ListenTarget,
  spike: Spike,
  minute: Date,
  alertId: string,
  publicUrl: string,
): Promise<string> {
  const [engaged] = await db
    .select({ id: brakes.id })
    .from(brakes)
    .where(
      and(
        eq(brakes.scope, 'workspace'),
        eq(brakes.workspaceId, target.workspaceId),
        isNull(brakes.releasedAt),
      ),
    )
    .limit(1)
  if (engaged) return engaged.id
  const brake = await engageBrake(db, {
    scope: 'workspace',
    workspaceId: target.workspaceId,
    accountId: null,
    userId: null,
    actorLabel: 'crisis watch',
    reason: `Crisis watch: ${spike.volume} crisis posts in the minute from ${minute.toISOString().slice(11, 16)} UTC against a baseline of ${spike.baseline} a minute (threshold ${spike.threshold}). Evidence: ${evidenceUrl(publicUrl, target.workspaceId, alertId)}`,
  })
  return brake.id
}

function evidenceUrl(publicUrl: string, workspaceId: string, alertId: string): string {
  return `${publicUrl}/api/v1/workspaces/${workspaceId}/alerts/${alertId}`
}

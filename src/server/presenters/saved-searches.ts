import { z } from '@hono/zod-openapi'
import { SENSITIVITIES } from '../../core/listen/detect-spike.ts'
import { matchUrl } from '../../core/listen/match-origin.ts'
import type { ListenMatchRow } from '../../store/queries/list-listen-matches.ts'
import type { SavedSearchRow } from '../../store/queries/list-saved-searches.ts'
import type { ListeningStatusRow } from '../../store/queries/read-listening-status.ts'

export const SpikeSettingsSchema = z
  .object({
    sensitivity: z.enum(SENSITIVITIES),
    minVolume: z.number().int().min(1).max(1_000_000),
    cooldownMinutes: z.number().int().min(1).max(10_080),
  })
  .openapi('SpikeSettings', {
    description:
      'Alert when a minute’s matches reach the baseline (the last 30 minutes) plus 3 (high), 5 (medium) or 8 (low) deviations, and at least minVolume; then stay quiet for cooldownMinutes',
  })

export const SavedSearchSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: z.string(),
    broad: z.boolean().openapi({
      description: 'Matches without any of its words: its stored matches are capped',
    }),
    alert: SpikeSettingsSchema.nullable(),
    inbox: z.boolean().openapi({ description: 'Its matches also become inbox items' }),
    feeds: z.boolean().openapi({
      description: 'New items of the workspace’s feeds (curation’s sources) are matched too',
    }),
    lastAlertAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('SavedSearch')

export function presentSavedSearch(row: SavedSearchRow) {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    broad: row.broad,
    alert: row.alert,
    inbox: row.inbox,
    feeds: row.feeds,
    lastAlertAt: row.lastAlertAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export const SavedSearchWithVolumeSchema = SavedSearchSchema.extend({
  volume: z.object({
    thisMinute: z.number().int().openapi({ description: 'Matches counted so far this minute' }),
    lastHour: z
      .number()
      .int()
      .openapi({ description: 'Matches in the last 60 minutes, this one included' }),
  }),
}).openapi('SavedSearchWithVolume')

/** A listed search with its recent volume; `counts` are its minutes (ms → count) of the last hour. */
export function presentSavedSearchWithVolume(
  row: SavedSearchRow,
  counts: ReadonlyMap<number, number>,
  thisMinute: number,
) {
  let lastHour = 0
  for (const count of counts.values()) lastHour += count
  return {
    ...presentSavedSearch(row),
    volume: { thisMinute: counts.get(thisMinute) ?? 0, lastHour },
  }
}

export const ListenMatchSchema = z
  .object({
    id: z.uuid(),
    uri: z.string(),
    url: z.string(),
    network: z.string().nullable().openapi({
      description: 'The network it came from (bluesky, mastodon); null for a feed item',
    }),
    did: z.string(),
    text: z.string(),
    langs: z.array(z.string()),
    postedAt: z.iso.datetime(),
    matchedAt: z.iso.datetime(),
  })
  .openapi('ListenMatch')

export function presentListenMatch(row: ListenMatchRow) {
  return {
    id: row.id,
    uri: row.uri,
    url: matchUrl(row),
    network: row.network,
    did: row.did,
    text: row.text,
    langs: row.langs,
    postedAt: row.postedAt.toISOString(),
    matchedAt: row.matchedAt.toISOString(),
  }
}

export const ListeningStatusSchema = z
  .object({
    source: z.string(),
    state: z.enum(['off', 'idle', 'connecting', 'connected', 'backing_off', 'stopped']),
    detail: z.string().nullable(),
    lagSeconds: z.number().int().nullable().openapi({
      description: 'How far behind the source’s newest events the last one read was',
    }),
    lastEventAt: z.iso.datetime().nullable(),
    consumed: z.boolean().openapi({ description: 'A worker holds the source’s lease' }),
  })
  .openapi('ListeningStatus')

export function presentListeningStatus(
  row: ListeningStatusRow | undefined,
  source: string,
  now = new Date(),
) {
  if (!row) {
    return {
      source,
      state: 'idle' as const,
      detail: 'No worker has listened yet',
      lagSeconds: null,
      lastEventAt: null,
      consumed: false,
    }
  }
  return {
    source: row.source,
    state: row.state as z.infer<typeof ListeningStatusSchema>['state'],
    detail: row.detail,
    lagSeconds: row.lagSeconds,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    consumed: row.expiresAt !== null && row.expiresAt > now,
  }
}

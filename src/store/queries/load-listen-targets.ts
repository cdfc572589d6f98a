import { eq } from 'drizzle-orm'
import type { SpikeSettings } from '../../core/listen/detect-spike.ts'
import type { Db } from '../connect.ts'
import { crisisWatches, savedSearches } from '../schema/index.ts'

/** Something the listener matches posts for: a saved search, or a workspace's crisis watch. */
export type ListenTarget = {
  id: string
  workspaceId: string
  name: string
  kind: 'search' | 'crisis'
  queries: string[]
  broad: boolean
  inbox: boolean
  /** Also matched against new items of its workspace's feeds. */
  feeds: boolean
  alert: SpikeSettings | null
  /** The baseline counts minutes from here on (crisis watch: when it was turned on). */
  observedFrom: Date
  lastAlertAt: Date | null
}

/** Every saved search and every crisis watch that is on, across the instance. */
export async function loadListenTargets(
  db: Db,
  crisisQueries: (terms: string[]) => string[],
  crisisSettings: (sensitivity: SpikeSettings['sensitivity']) => SpikeSettings,
): Promise<ListenTarget[]> {
  const [searches, watches] = await Promise.all([
    db.select().from(savedSearches),
    db.select().from(crisisWatches).where(eq(crisisWatches.enabled, true)),
  ])
  return [
    ...searches.map((s) => ({
      id: s.id,
      workspaceId: s.workspaceId,
      name: s.name,
      kind: 'search' as const,
      queries: [s.query],
      broad: s.broad,
      inbox: s.inbox,
      feeds: s.feeds,
      alert: s.alert,
      observedFrom: s.createdAt,
      lastAlertAt: s.lastAlertAt,
    })),
    ...watches.map((w) => ({
      id: w.id,
      workspaceId: w.workspaceId,
      name: 'Crisis watch',
      kind: 'crisis' as const,
      queries: crisisQueries(w.terms),
      broad: false,
      inbox: false,
      feeds: false,
      alert: crisisSettings(w.sensitivity),
      observedFrom: w.enabledAt ?? w.updatedAt,
      lastAlertAt: w.lastAlertAt,
    })),
  ]
}

import { and, gte, inArray, lt } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { listenVolume } from '../schema/index.ts'

/** Counted minutes of each search in [from, to): `searchId → minute (ms) → count`. */
export async function readListenVolume(
  db: Db,
  searchIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, Map<number, number>>> {
  const volume = new Map<string, Map<number, number>>(searchIds.map((id) => [id, new Map()]))
  if (searchIds.length === 0) return volume
  const rows = await db
    .select()
    .from(listenVolume)
    .where(
      and(
        inArray(listenVolume.searchId, searchIds),
        gte(listenVolume.minute, from),
        lt(listenVolume.minute, to),
      ),
    )
  for (const row of rows) volume.get(row.searchId)?.set(row.minute.getTime(), row.count)
  return volume
}

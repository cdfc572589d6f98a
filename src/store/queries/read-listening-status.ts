import type { Db } from '../connect.ts'
import { listenLeases } from '../schema/index.ts'

export type ListeningStatusRow = typeof listenLeases.$inferSelect

/** Where each listening source stands: consumed or not, its lag, its last problem. */
export async function readListeningStatus(db: Db): Promise<ListeningStatusRow[]> {
  return db.select().from(listenLeases)
}

import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { listenAlerts } from '../schema/index.ts'

export type ListenAlertRow = typeof listenAlerts.$inferSelect

/** A workspace's spike and crisis alerts, newest first. */
export async function listListenAlerts(
  db: Db,
  input: {
    workspaceId: string
    only?: string
    before?: { createdAt: Date; id: string }
    limit: number
  },
): Promise<ListenAlertRow[]> {
  const { before } = input
  return db
    .select()
    .from(listenAlerts)
    .where(
      and(
        eq(listenAlerts.workspaceId, input.workspaceId),
        input.only ? eq(listenAlerts.id, input.only) : undefined,
        before
          ? or(
              lt(listenAlerts.createdAt, before.createdAt),
              and(eq(listenAlerts.createdAt, before.createdAt), lt(listenAlerts.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(listenAlerts.createdAt), desc(listenAlerts.id))
    .limit(input.limit)
}

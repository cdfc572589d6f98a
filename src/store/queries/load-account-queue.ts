import { and, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { accounts } from '../schema/index.ts'
import { isConnected } from './connected-accounts.ts'
import { takenSlotInstants } from './taken-slot-instants.ts'

/** A connected account's queue and the slot times its posts already hold; null if not found. */
export async function loadAccountQueue(db: Db, workspaceId: string, accountId: string) {
  const [account] = await db
    .select({ id: accounts.id, timeZone: accounts.timeZone, slots: accounts.queueSlots })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.workspaceId, workspaceId), isConnected()))
  if (!account) return null
  return { ...account, taken: await takenSlotInstants(db, account.id) }
}

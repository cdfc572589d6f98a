import { eq } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { sessions } from '../store/schema/index.ts'

/** Ends one session, or with `everywhere` every session of that person. */
export async function logOut(
  db: Db,
  input: { userId: string; sessionId?: string; everywhere?: boolean; ip?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (input.everywhere) await tx.delete(sessions).where(eq(sessions.userId, input.userId))
    else if (input.sessionId) await tx.delete(sessions).where(eq(sessions.id, input.sessionId))
    await recordAudit(tx, {
      action: input.everywhere ? 'logout.everywhere' : 'logout',
      actorUserId: input.userId,
      ip: input.ip,
    })
  })
}

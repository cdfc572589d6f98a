import { createOpaqueToken } from '../security/opaque-token.ts'
import type { Executor } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { sessions } from '../store/schema/index.ts'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000

/** Opens a browser session for a person whose identity was just proven; audited as a login. */
export async function startSession(
  executor: Executor,
  input: { userId: string; ip: string; userAgent?: string; now?: Date },
) {
  const now = input.now ?? new Date()
  const { token, hash } = createOpaqueToken('sous_s')
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  const [row] = await executor
    .insert(sessions)
    .values({
      userId: input.userId,
      tokenHash: hash,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500),
    })
    .returning({ id: sessions.id })
  await recordAudit(executor, { action: 'login', actorUserId: input.userId, ip: input.ip })
  return { token, expiresAt, sessionId: row?.id }
}

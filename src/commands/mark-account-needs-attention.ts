import { and, eq, ne } from 'drizzle-orm'
import type { Executor } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts } from '../store/schema/index.ts'

/**
 * Puts an account in "needs attention" with a reason a person can act on. Its deliveries are
 * held (not failed) until someone reconnects it. Recorded once per change of state.
 */
export async function markAccountNeedsAttention(
  executor: Executor,
  input: { accountId: string; reason: string; actorLabel?: string },
): Promise<void> {
  const [account] = await executor
    .update(accounts)
    .set({ state: 'needs_attention', stateReason: input.reason, stateChangedAt: new Date() })
    .where(and(eq(accounts.id, input.accountId), ne(accounts.state, 'needs_attention')))
    .returning()
  if (!account) return
  await recordAudit(executor, {
    action: 'account.needs_attention',
    workspaceId: account.workspaceId,
    actorLabel: input.actorLabel ?? 'system',
    targetType: 'account',
    targetId: account.id,
    data: { reason: input.reason },
  })
}

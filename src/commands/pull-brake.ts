import { eq } from 'drizzle-orm'
import type { BrakeScope } from '../core/brake/brake-applies.ts'
import { refuseBrake } from '../core/brake/brake-rules.ts'
import { ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { brakeStanding } from '../store/queries/brake-standing.ts'
import { accounts } from '../store/schema/index.ts'
import { engageBrake } from './engage-brake.ts'

export type BrakeCaller = {
  userId: string
  instanceAdmin: boolean
  /** Set when the caller is an API token: it acts in that workspace only. */
  tokenWorkspaceId?: string
  ip?: string
}

/** A person pulls a brake: the scope is resolved, their standing checked, then it engages. */
export async function pullBrake(
  db: Db,
  caller: BrakeCaller,
  input: { scope: BrakeScope; workspaceId?: string; accountId?: string; reason: string },
) {
  const target = await resolveTarget(db, input)
  if (caller.tokenWorkspaceId && caller.tokenWorkspaceId !== target.workspaceId)
    throw new ForbiddenError('This API token works in its own workspace only')
  const refused = refuseBrake(
    'engage',
    input.scope,
    await brakeStanding(db, caller, target.workspaceId),
  )
  if (refused) throw new ForbiddenError(refused)
  return engageBrake(db, {
    scope: input.scope,
    ...target,
    reason: input.reason,
    userId: caller.userId,
    ip: caller.ip,
  })
}

async function resolveTarget(
  db: Db,
  input: { scope: BrakeScope; workspaceId?: string; accountId?: string },
): Promise<{ workspaceId: string | null; accountId: string | null }> {
  if (input.scope === 'instance') return { workspaceId: null, accountId: null }
  if (input.scope === 'workspace') {
    if (!input.workspaceId)
      throw new InvalidInputError('Name the workspace to stop', {
        workspaceId: 'required for scope workspace',
      })
    return { workspaceId: input.workspaceId, accountId: null }
  }
  if (!input.accountId)
    throw new InvalidInputError('Name the account to stop', {
      accountId: 'required for scope account',
    })
  const [account] = await db.select().from(accounts).where(eq(accounts.id, input.accountId))
  if (!account) throw new NotFoundError('That account')
  return { workspaceId: account.workspaceId, accountId: account.id }
}

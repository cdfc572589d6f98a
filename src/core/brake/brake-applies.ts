/** A brake pauses deliveries: for the whole instance, one workspace, or one account. */
export const BRAKE_SCOPES = ['instance', 'workspace', 'account'] as const
export type BrakeScope = (typeof BRAKE_SCOPES)[number]

export type EngagedBrake = {
  id: string
  scope: BrakeScope
  workspaceId: string | null
  accountId: string | null
  reason: string
}

/**
 * The brake that holds a delivery of `account` in `workspace`, if any. The widest wins, so a
 * person sees the reason that must be lifted last.
 */
export function brakeFor(
  brakes: readonly EngagedBrake[],
  target: { workspaceId: string; accountId: string },
): EngagedBrake | null {
  const applies = brakes.filter(
    (b) =>
      b.scope === 'instance' ||
      (b.scope === 'workspace' && b.workspaceId === target.workspaceId) ||
      (b.scope === 'account' && b.accountId === target.accountId),
  )
  const order: Record<BrakeScope, number> = { instance: 0, workspace: 1, account: 2 }
  return applies.sort((a, b) => order[a.scope] - order[b.scope])[0] ?? null
}

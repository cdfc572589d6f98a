import { type Role, roleAtLeast } from '../access/roles.ts'
import type { BrakeScope } from './brake-applies.ts'

/** Where the caller stands for one brake: their role in its workspace, and instance powers. */
export type BrakeStanding = { role: Role | null; instanceAdmin: boolean }

/**
 * Stopping is always safe, so anyone who publishes may pull a workspace's or an account's
 * brake; resuming is a deliberate act after reviewing the queue, so it takes an admin. The
 * instance brake stops every tenant: only instance administrators pull or release it (a
 * workspace admin is not one — anyone may create a workspace and own it). Returns the
 * refusal, or null when allowed.
 */
export function refuseBrake(
  action: 'engage' | 'release',
  scope: BrakeScope,
  standing: BrakeStanding,
): string | null {
  if (scope === 'instance') {
    if (standing.instanceAdmin) return null
    return `${action === 'engage' ? 'Pulling' : 'Releasing'} the instance-wide brake needs an instance administrator`
  }
  const { role } = standing
  if (!role) return 'You are not a member of that workspace'
  const needed: Role = action === 'release' ? 'admin' : 'editor'
  if (roleAtLeast(role, needed)) return null
  return action === 'engage'
    ? `Pulling the ${scope} brake needs the ${needed} role or higher; you are ${role}`
    : `Releasing a brake needs the admin role or higher, after reviewing what is queued; you are ${role}`
}

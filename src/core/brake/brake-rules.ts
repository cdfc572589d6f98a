import { type Role, roleAtLeast } from '../access/roles.ts'
import type { BrakeScope } from './brake-applies.ts'

/**
 * Stopping is always safe, so anyone who publishes may pull the brake; resuming is a
 * deliberate act after reviewing the queue, so it takes an admin. The instance brake
 * stops every workspace: it takes an admin of some workspace to pull or release it.
 * `role` is the caller's role in the brake's workspace, or their strongest role anywhere
 * for the instance scope. Returns the refusal, or null when allowed.
 */
export function refuseBrake(
  action: 'engage' | 'release',
  scope: BrakeScope,
  role: Role | null,
): string | null {
  if (!role) return 'You are not a member of that workspace'
  const needed: Role = action === 'release' || scope === 'instance' ? 'admin' : 'editor'
  if (roleAtLeast(role, needed)) return null
  return action === 'engage'
    ? `Pulling the ${scope} brake needs the ${needed} role or higher; you are ${role}`
    : `Releasing a brake needs the admin role or higher, after reviewing what is queued; you are ${role}`
}

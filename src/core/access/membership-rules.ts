import { type Role, roleAtLeast } from './roles.ts'

/**
 * Who may give whom which role. Admins manage everyone below owner; only an owner grants,
 * changes or removes ownership. Returns the reason it is refused, or null when allowed.
 */
export function refuseRoleChange(input: {
  actorRole: Role
  currentRole: Role | null
  newRole: Role | null
  ownerCount: number
}): string | null {
  const { actorRole, currentRole, newRole, ownerCount } = input
  if (!roleAtLeast(actorRole, 'admin')) return 'Only admins and owners manage members'
  const touchesOwner = currentRole === 'owner' || newRole === 'owner'
  if (touchesOwner && actorRole !== 'owner')
    return 'Only an owner can grant or change the owner role'
  if (currentRole === 'owner' && newRole !== 'owner' && ownerCount <= 1) {
    return 'A workspace keeps at least one owner: make someone else owner first'
  }
  return null
}

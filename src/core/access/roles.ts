/** Strongest first. A role can do everything the roles after it can. */
export const ROLES = ['owner', 'admin', 'editor', 'contributor', 'analyst'] as const
export type Role = (typeof ROLES)[number]

export function roleRank(role: Role): number {
  return ROLES.length - ROLES.indexOf(role)
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum)
}

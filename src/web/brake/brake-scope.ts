import type { Account } from '../accounts/account-queries.ts'
import type { Member } from '../settings/member-queries.ts'
import type { Brake } from './brake-queries.ts'

/** What a brake stops, in words: `the whole instance`, `Acme`, `@news.example.com`. */
export function describeBrakeScope(
  brake: Pick<Brake, 'scope' | 'accountId'>,
  workspaceName: string,
  accounts: readonly Pick<Account, 'id' | 'handle'>[] = [],
): string {
  if (brake.scope === 'instance') return 'every workspace on this Sous'
  if (brake.scope === 'workspace') return `every account of ${workspaceName}`
  const account = accounts.find((a) => a.id === brake.accountId)
  return account ? `the account ${account.handle}` : 'one account of this workspace'
}

/** Who pulled a brake, in words: `you`, a member's name, crisis watch, or an administrator. */
export function describeBrakePuller(
  brake: Pick<Brake, 'engagedBy' | 'engagedByLabel'>,
  myUserId: string,
  members: readonly Pick<Member, 'userId' | 'name' | 'email'>[] = [],
): string {
  if (brake.engagedBy === null) return brake.engagedByLabel ?? 'Sous itself (crisis watch)'
  if (brake.engagedBy === myUserId) return 'you'
  const member = members.find((m) => m.userId === brake.engagedBy)
  if (member) return member.name || member.email
  return brake.engagedByLabel ?? 'an instance administrator'
}

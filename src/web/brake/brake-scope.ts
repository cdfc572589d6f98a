import type { Account } from '../accounts/account-queries.ts'
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

import { and, eq } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { accountPeople } from '../schema/index.ts'

/** What the account knows of one profile, or null. */
export async function accountPerson(executor: Executor, accountId: string, profileId: string) {
  const [row] = await executor
    .select()
    .from(accountPeople)
    .where(and(eq(accountPeople.accountId, accountId), eq(accountPeople.profileId, profileId)))
  return row ?? null
}

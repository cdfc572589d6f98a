import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import { actOnPerson, type PersonAct } from './act-on-person.ts'

/** Unfollows one profile from one account because one person asked and confirmed. */
export function unfollowPerson(
  database: Database,
  deps: { networks: NetworkRegistry; secret: Buffer },
  input: PersonAct,
) {
  return actOnPerson(database, deps, 'unfollow', input)
}

import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import { actOnPerson, type PersonAct } from './act-on-person.ts'

/**
 * Follows one profile from one account because one person asked (following back a new
 * follower decides their review). Refused when already followed, or beyond the pace.
 */
export function followPerson(
  database: Database,
  deps: { networks: NetworkRegistry; secret: Buffer },
  input: PersonAct,
) {
  return actOnPerson(database, deps, 'follow', input)
}

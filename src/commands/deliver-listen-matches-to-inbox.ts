import type { Database } from '../store/connect.ts'
import type { RecordedMatches } from './record-listen-matches.ts'

/** Newly stored matches of searches that feed the inbox become inbox items of source 'listening'. */
export async function deliverListenMatchesToInbox(
  _database: Database,
  _stored: RecordedMatches['stored'],
): Promise<string[]> {
  return []
}

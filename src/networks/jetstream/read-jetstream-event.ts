import { isObject, POST_COLLECTION, readPostRecord } from '../listen/read-post-record.ts'
import type { ListenEvent } from '../listen/source.ts'

const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}$/
const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/

export { POST_COLLECTION }

/** A new post; Jetstream's own time for the event (`timeUs`) is the cursor. */
export type JetstreamPost = ListenEvent

export type JetstreamLine =
  | { kind: 'post'; event: JetstreamPost }
  /** Well-formed, but not a new post (a delete, an identity or account event): only its cursor counts. */
  | { kind: 'other'; timeUs: number }
  | { kind: 'malformed' }

/**
 * Reads one Jetstream message (`{did, time_us, kind, commit: {operation, collection, rkey,
 * record}}`). Anything else the source sends is 'malformed' and skipped, never thrown: one bad
 * line must not stop a stream.
 */
export function readJetstreamEvent(line: string): JetstreamLine {
  let event: unknown
  try {
    event = JSON.parse(line)
  } catch {
    return { kind: 'malformed' }
  }
  if (
    !isObject(event) ||
    typeof event.did !== 'string' ||
    !DID.test(event.did) ||
    !Number.isSafeInteger(event.time_us)
  ) {
    return { kind: 'malformed' }
  }
  const timeUs = event.time_us as number
  const commit = event.commit
  if (event.kind !== 'commit') return { kind: 'other', timeUs }
  if (!isObject(commit) || typeof commit.rkey !== 'string' || !RKEY.test(commit.rkey)) {
    return { kind: 'malformed' }
  }
  if (commit.operation !== 'create' || commit.collection !== POST_COLLECTION) {
    return { kind: 'other', timeUs }
  }
  const post = readPostRecord(event.did, commit.rkey, timeUs, commit.record)
  return post ? { kind: 'post', event: post } : { kind: 'malformed' }
}

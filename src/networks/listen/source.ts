import type { Logger } from 'pino'
import type { ListenPost } from '../../core/listen/read-post.ts'
import type { ListenTarget } from '../../store/queries/load-listen-targets.ts'

export type ConsumerState = 'connecting' | 'connected' | 'backing_off' | 'stopped'

/** A new post from any listening source, as listening stores and matches it. */
export type ListenEvent = {
  /** Its author's stable id (a DID, or a Mastodon account URI): with `rkey`, the dedupe key. */
  did: string
  /** The post's key within its author (Bluesky record key, Mastodon status id, feed item id). */
  rkey: string
  /** Where the post lives: `at://…` for Bluesky, the status or item URL otherwise. */
  uri: string
  /** When the source saw it, microseconds: minutes are counted by it. */
  timeUs: number
  createdAt: string | null
  post: ListenPost & { text: string; lang: string[] }
  /** Its network (an adapter's id): Bluesky when absent; feed items have none. */
  network?: string | null
  /** Where a person opens it, when not a Bluesky post. */
  url?: string
  /** A workspace's own item (from its feeds): only that workspace's searches see it. */
  workspaceId?: string
}

/** The network a post came from, as ListenEvent's contract says: Bluesky when absent. */
export function eventNetwork(event: ListenEvent): string | null {
  return event.network === undefined ? 'bluesky' : event.network
}

export type ListenBatch = {
  posts: ListenEvent[]
  /** Where to resume once this batch is stored (the source's own position). */
  cursor: number
  /** The newest event's time, microseconds: the lag is measured from it. */
  lastEventUs: number
  malformed: number
}

export type ListenConsumer = { stop: () => Promise<void> }

/**
 * What every listening source implements: read from `cursor`, hand over batches (stored
 * before the next is read), report its state, back off quietly while unreachable. The
 * listener runs each source behind its own lease and feeds every batch through one
 * matching path.
 */
export type StartConsumer = (options: {
  cursor: number | null
  onBatch: (batch: ListenBatch) => Promise<void>
  onState: (state: ConsumerState, detail: string | null) => void
  logger: Logger
  flushMs?: number
}) => ListenConsumer

/** A source the listener can run: its lease name and how to start it. */
export type ListenSource = {
  name: string
  label: string
  start: StartConsumer
  /** What it reads (its tags, say): when this changes, the consumer is restarted. */
  signature?: string
  /** Which saved searches its posts are matched for (all when absent). */
  accepts?: (target: ListenTarget) => boolean
}

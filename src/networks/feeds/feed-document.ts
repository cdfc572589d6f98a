/** What Sous keeps of a feed: one shape for RSS, Atom, RDF and JSON Feed. Text is plain (no HTML). */
export type FeedDocument = {
  format: 'rss' | 'atom' | 'rdf' | 'json'
  title: string | null
  siteUrl: string | null
  /** RSS `<ttl>`, minutes: how long the feed may be cached. */
  ttlMinutes: number | null
  entries: FeedEntry[]
}

export type FeedEntry = {
  /** Its id in the feed (guid, Atom id, JSON id), else its link: stable across polls. */
  key: string
  /** Absolute, resolved against the feed's address. */
  url: string
  title: string
  summary: string | null
  author: string | null
  imageUrl: string | null
  /** As the feed wrote it; read by core/curate/published-time.ts. */
  published: string | null
}

/** A feed a web page points to with `<link rel="alternate">`. */
export type FeedLink = { url: string; title: string | null; type: string }

/** One feed of an OPML file, with the folders it sits in ("Tech/Rust"). */
export type OpmlFeed = {
  url: string
  title: string | null
  siteUrl: string | null
  category: string | null
}

export type OpmlReading = {
  feeds: OpmlFeed[]
  /** Outlines that are not feeds Sous follows (includes of other OPML files, bad URLs), with why. */
  skipped: Array<{ text: string; reason: string }>
}

/** What the parsing thread answers for a fetched body. */
export type BodyReading =
  | { kind: 'feed'; feed: FeedDocument }
  | { kind: 'page'; links: FeedLink[] }
  | { kind: 'opml'; opml: OpmlReading }
  | { kind: 'unreadable'; reason: string }

export type EngagementEvent = {
  kind: string
  authorId: string
  subjectUri?: string
  createdAt: string
}

export type PeopleCount = { people: number; conversations: number }

/**
 * Per post: the distinct people who liked, reposted, quoted or replied to it (the account
 * itself left out), and the replies by others directly under it, each one a conversation.
 */
export function peopleEngaged(
  events: readonly EngagementEvent[],
  uris: readonly string[],
  ownId: string,
): Map<string, PeopleCount> {
  const people = new Map<string, Set<string>>(uris.map((uri) => [uri, new Set()]))
  const conversations = new Map<string, number>(uris.map((uri) => [uri, 0]))
  for (const event of events) {
    if (!event.subjectUri || event.authorId === ownId) continue
    const seen = people.get(event.subjectUri)
    if (!seen || !['like', 'repost', 'quote', 'reply'].includes(event.kind)) continue
    seen.add(event.authorId)
    if (event.kind === 'reply')
      conversations.set(event.subjectUri, (conversations.get(event.subjectUri) ?? 0) + 1)
  }
  return new Map(
    uris.map((uri) => [
      uri,
      { people: people.get(uri)?.size ?? 0, conversations: conversations.get(uri) ?? 0 },
    ]),
  )
}

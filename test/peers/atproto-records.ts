import { type AtpAgent, ids } from '@atproto/api'

/** Every post record in a repository, read on the PDS itself, all pages. */
export async function listPostRecords(
  agent: AtpAgent,
  did: string,
): Promise<Array<{ uri: string; value: Record<string, unknown> }>> {
  const records: Array<{ uri: string; value: Record<string, unknown> }> = []
  let cursor: string | undefined
  do {
    const { data } = await agent.com.atproto.repo.listRecords({
      repo: did,
      collection: ids.AppBskyFeedPost,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    })
    records.push(...data.records.map((r) => ({ uri: r.uri, value: r.value })))
    cursor = data.records.length > 0 ? data.cursor : undefined
  } while (cursor)
  return records
}

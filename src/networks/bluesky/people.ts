import { type AppBskyActorDefs, AtUri, ids } from '@atproto/api'
import { isValidDid } from '@atproto/syntax'
import { NetworkError, type Page, type PeopleDetail, type ProfileContext } from '../types.ts'
import type { BlueskyClient } from './client.ts'
import { followedAtFrom } from './follow-time.ts'
import { profileContext } from './profiles.ts'
import { recordKeyFor } from './record-key.ts'

/** getProfiles takes at most this many actors. */
const PROFILES_PER_CALL = 25
export const DEFAULT_PEOPLE_PAGE_SIZE = 50
/** The most getFollowers and getFollows give in one page. */
const MAX_PEOPLE_PAGE_SIZE = 100

/** Who follows the account, newest first; `'full'` adds counts and the last post time. */
export async function listFollowers(
  client: BlueskyClient,
  cursor: string | undefined,
  limit = DEFAULT_PEOPLE_PAGE_SIZE,
  detail: PeopleDetail = 'full',
): Promise<Page<ProfileContext>> {
  const params = { actor: client.did, limit: pageSize(limit), ...(cursor ? { cursor } : {}) }
  const { data } = await client.run('read', (agent) => agent.app.bsky.graph.getFollowers(params))
  const page = await withDetails(client, data.followers, data.cursor, detail)
  const followedAt = new Map(
    data.followers.map((person) => [person.did, followedAtFrom(person.viewer?.followedBy)]),
  )
  const items = page.items.map((person) => {
    const at = followedAt.get(person.id)
    return at ? { ...person, followedAt: at } : person
  })
  return { ...page, items }
}

/** Whom the account follows, newest first; `'full'` adds counts and the last post time. */
export async function listFollows(
  client: BlueskyClient,
  cursor: string | undefined,
  limit = DEFAULT_PEOPLE_PAGE_SIZE,
  detail: PeopleDetail = 'full',
): Promise<Page<ProfileContext>> {
  const params = { actor: client.did, limit: pageSize(limit), ...(cursor ? { cursor } : {}) }
  const { data } = await client.run('read', (agent) => agent.app.bsky.graph.getFollows(params))
  return withDetails(client, data.follows, data.cursor, detail)
}

/**
 * Profiles by DID, 25 to a getProfiles call, with the last post time. The AppView leaves out
 * accounts that are deleted, deactivated or taken down: they are absent here too.
 */
export async function readProfiles(
  client: BlueskyClient,
  ids: string[],
): Promise<ProfileContext[]> {
  const dids = [...new Set(ids)].filter((id) => isValidDid(id))
  const detailed = await profilesOf(client, dids)
  const found = dids.filter((did) => detailed.has(did))
  const lastPosts = await lastPostTimes(client, found)
  return found.map((did) => {
    const context = profileContext(detailed.get(did) as AppBskyActorDefs.ProfileViewDetailed)
    const lastPostAt = lastPosts.get(did)
    return lastPostAt ? { ...context, lastPostAt } : context
  })
}

function pageSize(limit: number): number {
  return Math.max(1, Math.min(MAX_PEOPLE_PAGE_SIZE, Math.floor(limit)))
}

/**
 * Follows one person (DID or handle). Following someone already followed changes nothing:
 * the AppView says so, and a follow Sous made has a record key derived from the person's
 * DID, so a repeat (or a retry after a lost answer) finds it instead of adding another.
 */
export async function follow(client: BlueskyClient, profileId: string): Promise<void> {
  const subject = await didOf(client, profileId)
  if ((await viewerState(client, subject))?.following) return
  const rkey = followRecordKey(subject)
  try {
    await client.run('write', (agent) =>
      agent.com.atproto.repo.createRecord({
        repo: client.did,
        collection: ids.AppBskyGraphFollow,
        rkey,
        record: {
          $type: ids.AppBskyGraphFollow,
          subject,
          createdAt: new Date().toISOString(),
        },
      }),
    )
  } catch (error) {
    if (isRefusedOrTransient(error) && (await followRecordExists(client, rkey))) return
    throw error
  }
}

/** Unfollows one person: the follow the AppView knows of, and the one Sous made. */
export async function unfollow(client: BlueskyClient, profileId: string): Promise<void> {
  const subject = await didOf(client, profileId)
  const rkeys = new Set([followRecordKey(subject)])
  const following = (await viewerState(client, subject))?.following
  if (following) rkeys.add(new AtUri(following).rkey)
  for (const rkey of rkeys) {
    await client.run('write', (agent) =>
      agent.com.atproto.repo.deleteRecord({
        repo: client.did,
        collection: ids.AppBskyGraphFollow,
        rkey,
      }),
    )
  }
}

function followRecordKey(subject: string): string {
  return recordKeyFor(`follow ${subject}`)
}

async function followRecordExists(client: BlueskyClient, rkey: string): Promise<boolean> {
  try {
    await client.run('read', (agent) =>
      agent.com.atproto.repo.getRecord({
        repo: client.did,
        collection: ids.AppBskyGraphFollow,
        rkey,
      }),
    )
    return true
  } catch {
    return false
  }
}

function isRefusedOrTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError &&
    (error.failure.kind === 'rejected' || error.failure.kind === 'transient')
  )
}

/** A DID as it is, a handle resolved through the PDS (which knows new accounts at once). */
async function didOf(client: BlueskyClient, profileId: string): Promise<string> {
  if (isValidDid(profileId)) return profileId
  const handle = profileId.replace(/^@/, '')
  try {
    const { data } = await client.run('read', (agent) =>
      agent.com.atproto.identity.resolveHandle({ handle }),
    )
    return data.did
  } catch (error) {
    if (error instanceof NetworkError && error.failure.kind === 'rejected') {
      throw new NetworkError({ kind: 'rejected', reason: `Bluesky knows no account @${handle}.` })
    }
    throw error
  }
}

/** How the account relates to `did` as far as the AppView has indexed; unknown when it has not. */
async function viewerState(
  client: BlueskyClient,
  did: string,
): Promise<AppBskyActorDefs.ViewerState | undefined> {
  try {
    const { data } = await client.run('read', (agent) =>
      agent.app.bsky.actor.getProfile({ actor: did }),
    )
    return data.viewer
  } catch (error) {
    if (error instanceof NetworkError && error.failure.kind === 'rejected') return undefined
    throw error
  }
}

async function withDetails(
  client: BlueskyClient,
  people: AppBskyActorDefs.ProfileView[],
  cursor: string | undefined,
  detail: PeopleDetail,
): Promise<Page<ProfileContext>> {
  const next = people.length > 0 ? cursor : undefined
  if (detail === 'listed') {
    const items = people.map((person) => profileContext(person))
    return next ? { items, cursor: next } : { items }
  }
  const detailed = await profilesOf(
    client,
    people.map((person) => person.did),
  )
  const lastPosts = await lastPostTimes(
    client,
    people.map((person) => person.did),
  )
  const items = people.map((person) => {
    const context = profileContext(detailed.get(person.did) ?? person)
    const lastPostAt = lastPosts.get(person.did)
    return lastPostAt ? { ...context, lastPostAt } : context
  })
  return next ? { items, cursor: next } : { items }
}

async function profilesOf(
  client: BlueskyClient,
  dids: string[],
): Promise<Map<string, AppBskyActorDefs.ProfileViewDetailed>> {
  const detailed = new Map<string, AppBskyActorDefs.ProfileViewDetailed>()
  for (let start = 0; start < dids.length; start += PROFILES_PER_CALL) {
    const actors = dids.slice(start, start + PROFILES_PER_CALL)
    const { data } = await client.run('read', (agent) =>
      agent.app.bsky.actor.getProfiles({ actors }),
    )
    for (const profile of data.profiles) detailed.set(profile.did, profile)
  }
  return detailed
}

// No Bluesky view carries "last post": one author-feed read per person, a few at a time.
// People pages are read at a person's pace (follower review), so 50 small reads are fine.
const LAST_POST_CONCURRENCY = 5

async function lastPostTimes(client: BlueskyClient, dids: string[]): Promise<Map<string, string>> {
  const times = new Map<string, string>()
  let next = 0
  const readOne = async () => {
    for (let i = next++; i < dids.length; i = next++) {
      const actor = dids[i] as string
      const feed = await client
        .run('read', (agent) => agent.app.bsky.feed.getAuthorFeed({ actor, limit: 1 }))
        .then(({ data }) => data.feed)
        // A missing feed only leaves the time unknown; the profile itself was read.
        .catch(() => [])
      const item = feed[0]
      const reason = item?.reason as { indexedAt?: string } | undefined
      const at = reason?.indexedAt ?? item?.post.indexedAt
      if (at) times.set(actor, at)
    }
  }
  await Promise.all(Array.from({ length: Math.min(LAST_POST_CONCURRENCY, dids.length) }, readOne))
  return times
}

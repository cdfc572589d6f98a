import type { AppBskyActorDefs } from '@atproto/api'
import type { ProfileContext } from '../types.ts'

type AnyProfileView =
  | AppBskyActorDefs.ProfileView
  | AppBskyActorDefs.ProfileViewBasic
  | AppBskyActorDefs.ProfileViewDetailed

export function profileContext(view: AnyProfileView): ProfileContext {
  const detailed = view as AppBskyActorDefs.ProfileViewDetailed
  const created = view.createdAt ?? detailed.indexedAt
  return {
    id: view.did,
    handle: view.handle,
    displayName: view.displayName ?? '',
    bio: detailed.description ?? '',
    ...(view.avatar ? { avatarUrl: view.avatar } : {}),
    ...(created ? { createdAt: created } : {}),
    ...(detailed.postsCount !== undefined ? { postsCount: detailed.postsCount } : {}),
    ...(detailed.followersCount !== undefined ? { followersCount: detailed.followersCount } : {}),
    ...(detailed.followsCount !== undefined ? { followingCount: detailed.followsCount } : {}),
    url: profileUrl(view.handle),
  }
}

export function profileUrl(handleOrDid: string): string {
  return `https://bsky.app/profile/${handleOrDid}`
}

import { AppBskyFeedPost } from '@atproto/api'

/** A post record as the lexicon defines it, or undefined for anything else. */
export function asPostRecord(value: unknown): AppBskyFeedPost.Record | undefined {
  const result = AppBskyFeedPost.validateRecord(value)
  return result.success ? result.value : undefined
}

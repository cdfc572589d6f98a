import type { CountingRule } from './count-text.ts'

/** app.bsky.feed.post `text`: maxGraphemes 300 and maxLength 3,000 (UTF-8 bytes) in the lexicon. */
export const blueskyCounting = {
  kind: 'graphemes',
  max: 300,
  maxBytes: 3000,
} as const satisfies CountingRule

/** From the instance: `configuration.statuses.max_characters` and `characters_reserved_per_url`. */
export function mastodonCounting(maxCharacters = 500, charactersReservedPerUrl = 23): CountingRule {
  return { kind: 'mastodon', max: maxCharacters, urlLength: charactersReservedPerUrl }
}

/** 280 weighted for most accounts; paid accounts may post longer. */
export function xCounting(max = 280): CountingRule {
  return { kind: 'x-weighted', max }
}

// LinkedIn documents 3,000 characters but not their unit; UTF-16 code units (what its Java
// backend and most tools count) are never fewer than code points, so a post that fits here fits there.
export const linkedinCounting = {
  kind: 'characters',
  max: 3000,
  unit: 'utf16',
} as const satisfies CountingRule

// Meta's Threads docs: 500 characters, "emojis are counted as the number of UTF-8 bytes", at most
// 5 unique links. The unit of other characters is undocumented: code points, one per character.
export const threadsCounting = {
  kind: 'characters',
  max: 500,
  unit: 'code-points',
  emoji: 'utf8-bytes',
  maxLinks: 5,
} as const satisfies CountingRule

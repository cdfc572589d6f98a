import { jaccardWithSet, SAME_STORY } from './title-similarity.ts'

/** `words` as titleWords gives them: each word once. */
export type StoryKey = { canonicalUrl: string; words: readonly string[] }
export type KnownStory = StoryKey & { suggestionId: string }

/** A fresh entry joins a known suggestion, or the new story begun by fresh entry `leader` (itself, if it begins one). */
export type Placement = { suggestionId: string } | { leader: number }

/**
 * Which story each fresh entry tells: the one with the same canonical URL, else the one
 * whose titles are most alike at or above SAME_STORY, among the known suggestions' items
 * and the fresh entries before it; else a story of its own. Entries are placed in order,
 * so copies arriving in one batch join each other.
 */
export function groupStories(
  fresh: readonly StoryKey[],
  known: readonly KnownStory[],
): Placement[] {
  const byUrl = new Map<string, Placement>()
  for (const story of known) byUrl.set(story.canonicalUrl, { suggestionId: story.suggestionId })
  // Each fresh title's word set is made once and the others' lists are counted against it:
  // three sets per comparison allocated 7.6 GB in one polling cycle of bench/feeds.ts
  // (50 entries × hundreds of candidates per feed).
  const placed: Array<{ words: readonly string[]; placement: Placement }> = known.map((story) => ({
    words: story.words,
    placement: { suggestionId: story.suggestionId },
  }))
  return fresh.map((entry, index) => {
    const words = new Set(entry.words)
    let placement = byUrl.get(entry.canonicalUrl)
    if (!placement) {
      let best = SAME_STORY
      for (const other of placed) {
        const similarity = jaccardWithSet(words, other.words)
        if (similarity >= best) {
          best = similarity
          placement = other.placement
        }
      }
    }
    placement ??= { leader: index }
    byUrl.set(entry.canonicalUrl, placement)
    placed.push({ words: entry.words, placement })
    return placement
  })
}

import { lexicons } from '@atproto/api'
import { describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from './capabilities.ts'

type LexiconProperty = { maxLength?: number; maxGraphemes?: number; maxSize?: number }

function lexiconProperty(ref: string, property: string): LexiconProperty {
  const def = lexicons.getDefOrThrow(ref) as
    | { properties?: Record<string, LexiconProperty> }
    | { record: { properties: Record<string, LexiconProperty> } }
  const properties = 'record' in def ? def.record.properties : def.properties
  const found = properties?.[property]
  if (!found) throw new Error(`lexicon ${ref} has no property ${property}`)
  return found
}

describe('Bluesky limits', () => {
  it('are the ones the lexicons shipped with @atproto/api state, so an upgrade that moves one fails here', () => {
    const text = lexiconProperty('app.bsky.feed.post', 'text')
    expect(BLUESKY_LIMITS.textGraphemes).toBe(text.maxGraphemes)
    expect(BLUESKY_LIMITS.textBytes).toBe(text.maxLength)
    expect(BLUESKY_LIMITS.images).toBe(lexiconProperty('app.bsky.embed.images', 'images').maxLength)
    expect(BLUESKY_LIMITS.thumbnailBytes).toBe(
      lexiconProperty('app.bsky.embed.external#external', 'thumb').maxSize,
    )
    // Every PDS accepts 1 MB images; the lexicon allows more (see BLUESKY_LIMITS.imageBytes).
    expect(BLUESKY_LIMITS.imageBytes).toBe(
      Math.min(1_000_000, lexiconProperty('app.bsky.embed.images#image', 'image').maxSize ?? 0),
    )
  })
})

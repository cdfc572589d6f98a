import { eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { shortLinks } from '../schema/index.ts'

export type ShortLinkTarget = { linkId: string; target: string }

const TTL_MS = 60_000
const MAX_ENTRIES = 50_000

/**
 * Code → target, remembered for a minute (unknown codes too, so a flood of made-up codes
 * costs one query per code a minute). A changed target shows within that minute.
 */
export function createShortLinkLookup(db: Db) {
  const cache = new Map<string, { value: ShortLinkTarget | null; until: number }>()
  return async (code: string): Promise<ShortLinkTarget | null> => {
    const now = Date.now()
    const hit = cache.get(code)
    if (hit && hit.until > now) return hit.value
    const [row] = await db
      .select({ linkId: shortLinks.id, target: shortLinks.target })
      .from(shortLinks)
      .where(eq(shortLinks.code, code))
    if (cache.size >= MAX_ENTRIES) cache.clear()
    const value = row ?? null
    cache.set(code, { value, until: now + TTL_MS })
    return value
  }
}

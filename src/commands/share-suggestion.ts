import type { LinkPreview } from '../networks/link-preview/fetch-link-preview.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { decideSuggestion } from './decide-suggestion.ts'

const CARD_TIMEOUT_MS = 5_000

/**
 * A person shares a suggestion: it is marked shared (with who and when) and the composer
 * gets what it opens with — the link, its title and description, and the card's image: the
 * page's Open Graph image, or else the feed's, both fetched through the SSRF guard. Nothing
 * is posted: the person writes the post, which then carries provenance "suggestion"
 * (POST …/posts with `suggestionId`).
 */
export async function shareSuggestion(
  db: Db,
  networks: Pick<NetworkRegistry, 'linkPreview' | 'cardImage'>,
  input: { workspaceId: string; suggestionId: string; userId: string; ip?: string; now?: Date },
) {
  const now = input.now ?? new Date()
  const shared = await db.transaction(async (tx) => {
    const suggestion = await decideSuggestion(tx, { ...input, decision: 'shared', now })
    await recordAudit(tx, {
      action: 'suggestion.shared',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'suggestion',
      targetId: suggestion.id,
      data: { url: suggestion.url },
      ip: input.ip,
    })
    return suggestion
  })
  // After the decision, outside the transaction: a slow page must not hold the database.
  const card = await withTimeout(
    cardOf(networks, shared.url, shared.imageUrl),
    CARD_TIMEOUT_MS,
  ).catch(() => null)
  return { suggestion: shared, card }
}

/** The page's card; without an image of its own (or when the page fails), the feed's image. */
async function cardOf(
  networks: Pick<NetworkRegistry, 'linkPreview' | 'cardImage'>,
  url: string,
  feedImageUrl: string | null,
): Promise<LinkPreview | null> {
  const page = await networks.linkPreview(url).catch(() => null)
  if (page?.thumbnail || !feedImageUrl) return page
  const image = await networks.cardImage(feedImageUrl)
  if (!image) return page
  return {
    ...(page ?? { url }),
    thumbnail: { ...image, altText: page?.title ?? '' },
    imageUrl: feedImageUrl,
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('card timed out')), ms).unref(),
    ),
  ])
}

import { and, eq } from 'drizzle-orm'
import { replaceLinks } from '../../core/measure/find-links.ts'
import type { Db } from '../connect.ts'
import { postLabels, shortLinks } from '../schema/index.ts'

/**
 * The text a network receives: with click tracking on, each link replaced by its short link;
 * otherwise the text as written. The card (`link`) keeps the original URL, so the
 * network still shows the original card.
 */
export async function textWithShortLinks(
  db: Db,
  input: { postId: string; network: string; text: string },
): Promise<string> {
  const links = await db
    .select({ url: shortLinks.url, shortUrl: shortLinks.shortUrl })
    .from(shortLinks)
    .innerJoin(
      postLabels,
      and(eq(postLabels.postId, shortLinks.postId), eq(postLabels.clickTracking, true)),
    )
    .where(and(eq(shortLinks.postId, input.postId), eq(shortLinks.network, input.network)))
  if (links.length === 0) return input.text
  return replaceLinks(input.text, new Map(links.map((l) => [l.url, l.shortUrl])))
}

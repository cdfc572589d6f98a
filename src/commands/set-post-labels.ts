import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import { findLinks } from '../core/measure/find-links.ts'
import { type Approach, MAX_POST_TOPICS, normalizePostTopics } from '../core/measure/labels.ts'
import { DEFAULT_UTM, utmTagsFor, withUtm } from '../core/measure/utm.ts'
import type { Tx } from '../store/executor.ts'
import { refreshMeasureUnits } from '../store/refresh-measure-units.ts'
import { campaigns, postLabels, shortLinks, utmSettings } from '../store/schema/index.ts'

export type PostLabelsInput = {
  campaignId?: string | null
  topics?: string[]
  approach?: Approach | null
  clickTracking?: boolean
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 8 characters from 57 (no look-alikes): 57⁸ ≈ 1.1·10¹⁴ codes, too many to guess one. */
function newCode(): string {
  return [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('')
}

export type PostLabelsRow = typeof postLabels.$inferSelect

/**
 * A new post's labels when writing them is the row alone: no campaign to check in the
 * transaction, no short links to make. Null when `setPostLabels` is needed.
 */
export function plainNewPostLabels(input: {
  workspaceId: string
  postId: string
  labels: PostLabelsInput
}): PostLabelsRow | null {
  const row = labelsRow(input, normalizedTopics(input.labels), undefined)
  return row.campaignId || row.clickTracking ? null : row
}

function normalizedTopics(labels: PostLabelsInput): string[] | undefined {
  const topics = labels.topics ? normalizePostTopics(labels.topics) : undefined
  if (topics && topics.length > MAX_POST_TOPICS)
    throw new InvalidInputError(`At most ${MAX_POST_TOPICS} topics a post`, { topics: 'too many' })
  return topics
}

/** The labels given over those the post had: fields left out stay. */
function labelsRow(
  { workspaceId, postId, labels }: { workspaceId: string; postId: string; labels: PostLabelsInput },
  topics: string[] | undefined,
  existing: PostLabelsRow | undefined,
): PostLabelsRow {
  return {
    postId,
    workspaceId,
    campaignId:
      labels.campaignId !== undefined ? labels.campaignId : (existing?.campaignId ?? null),
    topics: topics ?? existing?.topics ?? [],
    approach: labels.approach !== undefined ? labels.approach : (existing?.approach ?? null),
    clickTracking: labels.clickTracking ?? existing?.clickTracking ?? false,
  }
}

/**
 * Writes a post's labels inside the post's own transaction (fields left out stay as they
 * were) and, with click tracking on, one short link per link per network of its variants.
 * A link keeps its code when the post is rewritten. Returns the labels as written.
 */
export async function setPostLabels(
  tx: Tx,
  input: {
    workspaceId: string
    postId: string
    /**
     * The post was made in this transaction: it has no labels to keep, and nothing measured
     * (measure rows come from its deliveries' engagement), so neither is read.
     */
    created?: boolean
    labels: PostLabelsInput
    variants: Array<{
      network: string
      segments: Array<{ text: string }>
      link: { url: string } | null
    }>
    /** Where `/l/{code}` is served: the instance's public URL. */
    shortLinkBase: string
  },
): Promise<PostLabelsRow> {
  const topics = normalizedTopics(input.labels)
  let campaignTag: string | null = null
  const [existing] = input.created
    ? []
    : await tx.select().from(postLabels).where(eq(postLabels.postId, input.postId))
  const row = labelsRow(input, topics, existing)
  if (row.campaignId) {
    const [campaign] = await tx
      .select({ tag: campaigns.utmCampaign })
      .from(campaigns)
      .where(and(eq(campaigns.id, row.campaignId), eq(campaigns.workspaceId, input.workspaceId)))
    if (!campaign)
      throw new InvalidInputError('No such campaign in this workspace', { campaignId: 'unknown' })
    campaignTag = campaign.tag
  }
  const [written] = await tx
    .insert(postLabels)
    .values(row)
    .onConflictDoUpdate({ target: postLabels.postId, set: row })
    .returning()
  if (!written) throw new Error('the post labels upsert returned no row')
  if (!input.created) await refreshMeasureUnits(tx, [input.postId])
  if (!row.clickTracking) return written

  const [settings] = await tx
    .select()
    .from(utmSettings)
    .where(eq(utmSettings.workspaceId, input.workspaceId))
  const wanted = input.variants.flatMap((variant) => {
    const urls = new Set(variant.segments.flatMap((s) => findLinks(s.text).map((l) => l.url)))
    return [...urls].map((url) => ({ network: variant.network, url }))
  })
  for (const { network, url } of wanted) {
    const target = withUtm(
      url,
      utmTagsFor(settings ?? DEFAULT_UTM, { network, campaignTag, postId: input.postId }),
    )
    // A code collision (one in ~10¹⁴) is tried again with a new code.
    for (let attempt = 0; attempt < 3; attempt++) {
      const code = newCode()
      const inserted = await tx
        .insert(shortLinks)
        .values({
          code,
          shortUrl: `${input.shortLinkBase}/l/${code}`,
          workspaceId: input.workspaceId,
          postId: input.postId,
          network,
          url,
          target,
        })
        .onConflictDoNothing()
        .returning({ id: shortLinks.id })
      if (inserted.length) break
      const [same] = await tx
        .select({ id: shortLinks.id })
        .from(shortLinks)
        .where(
          and(
            eq(shortLinks.postId, input.postId),
            eq(shortLinks.network, network),
            eq(shortLinks.url, url),
          ),
        )
      if (same) {
        await tx.update(shortLinks).set({ target }).where(eq(shortLinks.id, same.id))
        break
      }
    }
  }
  return written
}

import { z } from '@hono/zod-openapi'
import type { RankContext, Ranked } from '../../core/curate/rank-suggestions.ts'
import type { LinkPreview } from '../../networks/link-preview/fetch-link-preview.ts'
import type { QueueCandidate } from '../../store/queries/suggestion-queue.ts'

export const SuggestionSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(['new', 'saved', 'shared', 'skipped']),
    url: z.string().openapi({ description: 'The story’s link, tracking parameters removed' }),
    title: z.string(),
    summary: z.string().nullable().openapi({ description: 'Plain text; no markup' }),
    author: z.string().nullable(),
    imageUrl: z.string().nullable(),
    publishedAt: z.iso.datetime(),
    dated: z.boolean().openapi({
      description: 'False when the feed gave no date and publishedAt is when Sous first saw it',
    }),
    source: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    sources: z.array(z.object({ id: z.uuid(), title: z.string() })).openapi({
      description: 'Every source carrying this story',
    }),
    alsoIn: z
      .number()
      .int()
      .openapi({ description: 'Other sources carrying it ("also in N sources")' }),
    score: z.number(),
    reasons: z.array(z.string()).openapi({ description: 'Why it ranks where it does, in words' }),
    matchedTopics: z.array(
      z.object({ term: z.string(), weight: z.number(), where: z.enum(['title', 'summary']) }),
    ),
    postId: z.uuid().nullable().openapi({ description: 'The post a person wrote from it' }),
    decidedAt: z.iso.datetime().nullable(),
  })
  .openapi('Suggestion')

export type Suggestion = z.infer<typeof SuggestionSchema>

export function presentSuggestion(
  candidate: QueueCandidate,
  ranked: Ranked,
  context: RankContext,
): Suggestion {
  const named = (id: string) => {
    const source = context.sources.get(id)
    return source ? [{ id, title: source.title }] : []
  }
  const sources = [...new Set(candidate.sourceIds)].flatMap(named)
  return {
    id: candidate.id,
    state: candidate.state,
    url: candidate.url,
    title: candidate.title,
    summary: candidate.summary,
    author: candidate.author,
    imageUrl: candidate.imageUrl,
    publishedAt: candidate.publishedAt.toISOString(),
    dated: candidate.datedByFeed,
    source: named(candidate.sourceId)[0] ?? null,
    sources,
    alsoIn: Math.max(0, new Set(candidate.sourceIds).size - 1),
    score: Number(ranked.score.toPrecision(6)),
    reasons: ranked.reasons,
    matchedTopics: ranked.matchedTopics.map(({ term, weight, where }) => ({ term, weight, where })),
    postId: candidate.postId,
    decidedAt: candidate.decidedAt?.toISOString() ?? null,
  }
}

/** A page of the ranked queue; the cursor carries the ranking's time, so pages rank alike. */
export type QueueCursor = { asOf: number; score: number; id: string }

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.asOf, cursor.score, cursor.id])).toString('base64url')
}

export function decodeCursor(text: string): QueueCursor | null {
  try {
    const [asOf, score, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (typeof asOf !== 'number' || typeof score !== 'number' || typeof id !== 'string') return null
    return { asOf, score, id }
  } catch {
    return null
  }
}

export const ComposerStartSchema = z
  .object({
    suggestionId: z.uuid().openapi({
      description:
        'Send it with the post (POST …/posts `suggestionId`): the post is then from a suggestion',
    }),
    provenance: z.literal('suggestion'),
    link: z.object({
      url: z.string(),
      title: z.string().optional(),
      description: z.string().optional(),
    }),
    image: z
      .object({
        url: z.string().nullable().openapi({
          description:
            'Where the card’s image is (the page’s Open Graph image, else the feed’s): send it as the post’s `link.imageUrl`',
        }),
        dataUrl: z
          .string()
          .nullable()
          .openapi({ description: 'The image itself, fetched by Sous through its guard, to show' }),
        mimeType: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('ComposerStart')

export const SharedSuggestionSchema = z
  .object({ suggestion: SuggestionSchema, composer: ComposerStartSchema })
  .openapi('SharedSuggestion')

/**
 * What the composer opens with: the page's card where Sous could fetch it, else the feed's
 * data; the image is the page's, else the feed's, shown from the bytes Sous fetched.
 */
export function presentComposerStart(
  suggestion: Suggestion,
  card: LinkPreview | null,
): z.infer<typeof ComposerStartSchema> {
  const title = card?.title ?? suggestion.title
  const description = card?.description ?? suggestion.summary ?? undefined
  const thumbnail = card?.thumbnail
  return {
    suggestionId: suggestion.id,
    provenance: 'suggestion',
    link: {
      url: card?.canonicalUrl ?? suggestion.url,
      ...(title ? { title: title.slice(0, 300) } : {}),
      ...(description ? { description: description.slice(0, 1000) } : {}),
    },
    image: thumbnail
      ? {
          url: card?.imageUrl ?? null,
          dataUrl: `data:${thumbnail.mimeType};base64,${Buffer.from(thumbnail.bytes).toString('base64')}`,
          mimeType: thumbnail.mimeType,
        }
      : suggestion.imageUrl
        ? { url: suggestion.imageUrl, dataUrl: null, mimeType: null }
        : null,
  }
}

export const TopicsSchema = z
  .object({
    topics: z
      .array(
        z.object({
          term: z.string().min(1).max(100).openapi({ description: 'A word or a phrase' }),
          weight: z.number().min(-10).max(10).openapi({
            description: 'How much a match counts; negative pushes matching items down',
          }),
        }),
      )
      .max(200),
  })
  .openapi('Topics')

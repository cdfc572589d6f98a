import { z } from '@hono/zod-openapi'
import { APPROACHES, MAX_POST_TOPICS, MAX_TOPIC_LENGTH } from '../../core/measure/labels.ts'
import type { postLabels } from '../../store/schema/index.ts'

/** What a post is measured by; none of it is required. */
export const PostLabelsSchema = z.object({
  campaignId: z.uuid().nullable().openapi({ description: 'The campaign it belongs to' }),
  topics: z
    .array(z.string().trim().min(1).max(MAX_TOPIC_LENGTH))
    .max(MAX_POST_TOPICS)
    .openapi({ description: 'Topic labels, compared in Measure' }),
  approach: z
    .enum(APPROACHES)
    .nullable()
    .openapi({ description: 'How the message is put: question, tip, story, offer, link share…' }),
  clickTracking: z.boolean().openapi({
    description:
      'Each link gets a short link per network (/l/{code}) counting clicks, bots filtered; the card stays the original',
  }),
})

export function presentPostLabels(
  row: typeof postLabels.$inferSelect | null | undefined,
): z.infer<typeof PostLabelsSchema> {
  return {
    campaignId: row?.campaignId ?? null,
    topics: row?.topics ?? [],
    approach: row?.approach ?? null,
    clickTracking: row?.clickTracking ?? false,
  }
}

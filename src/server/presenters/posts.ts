import { z } from '@hono/zod-openapi'
import { DELIVERY_STATES } from '../../core/delivery/delivery-state.ts'
import type { loadPost } from '../../store/queries/load-post.ts'
import { PostLabelsSchema, presentPostLabels } from './post-labels.ts'

const MediaIdsSchema = z.array(z.uuid()).max(10)

/**
 * What a variant is made of, field for field what a write takes and a read gives back, so
 * that a post read and written again is the same post.
 */
export const VariantContentSchema = z.strictObject({
  accountId: z.uuid().nullable().openapi({
    description: 'Null (or left out) in a draft aimed at `network` before an account is chosen',
  }),
  network: z.string().openapi({
    description: "The network it is written for: the account's, or a draft's target",
    example: 'bluesky',
  }),
  text: z.string().max(20_000),
  mediaIds: MediaIdsSchema,
  link: z
    .strictObject({
      url: z.url(),
      title: z.string().max(300).optional(),
      description: z.string().max(1000).optional(),
      imageUrl: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional()
        .openapi({
          description:
            'The card’s image (e.g. the page’s og:image): fetched through the guard when the post goes out, on networks whose clients build the card (Bluesky); a card without it still goes',
        }),
    })
    .nullable(),
  thread: z
    .array(z.strictObject({ text: z.string().max(20_000), mediaIds: MediaIdsSchema.optional() }))
    .max(25),
  contentWarning: z.string().max(500).nullable(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .nullable(),
})

const DeliverySchema = z.object({
  id: z.uuid(),
  segment: z.number().int(),
  state: z.enum(DELIVERY_STATES),
  dueAt: z.iso.datetime(),
  attempts: z.number().int(),
  uri: z.string().nullable(),
  url: z.string().nullable(),
  error: z.string().nullable(),
})

/** What only a read gives: a write may send it back, and it is ignored. */
export const VariantReadOnlySchema = z.strictObject({
  id: z.uuid(),
  /** The first segment's delivery state, i.e. the variant's own; `draft` when not scheduled. */
  state: z.enum([...DELIVERY_STATES, 'draft']),
  dueAt: z.iso.datetime().nullable(),
  uri: z.string().nullable(),
  url: z.string().nullable(),
  error: z.string().nullable(),
  deliveries: z.array(DeliverySchema),
})

export const PostReadOnlySchema = z.strictObject({
  id: z.uuid(),
  provenance: z.enum(['live', 'scheduled', 'suggestion', 'reply']),
  approval: z.enum(['not_needed', 'pending', 'approved']),
  createdAt: z.iso.datetime(),
})

export const PostTextSchema = z
  .string()
  .max(20_000)
  .nullable()
  .openapi({ description: 'The idea in its author’s words; all a draft needs before any variant' })

export const PostSchema = PostReadOnlySchema.extend({
  text: PostTextSchema,
  ...PostLabelsSchema.shape,
  variants: z.array(VariantContentSchema.extend(VariantReadOnlySchema.shape)),
}).openapi('Post')

type Loaded = NonNullable<Awaited<ReturnType<typeof loadPost>>>

export function presentPost({
  post,
  variants,
  deliveries,
  labels,
}: Loaded): z.infer<typeof PostSchema> {
  return {
    ...presentPostLabels(labels),
    id: post.id,
    provenance: post.provenance,
    approval: post.approval,
    createdAt: post.createdAt.toISOString(),
    text: post.text,
    variants: variants.map((variant) => {
      const own = deliveries
        .filter((d) => d.variantId === variant.id)
        .map((d) => ({
          id: d.id,
          segment: d.segment,
          state: d.state,
          dueAt: d.dueAt.toISOString(),
          attempts: d.attempts,
          uri: d.uri,
          url: d.url,
          error: d.error,
        }))
      const [first, ...thread] = variant.segments
      const head = own[0]
      return {
        id: variant.id,
        accountId: variant.accountId,
        network: variant.network,
        text: first?.text ?? '',
        mediaIds: first?.mediaIds ?? [],
        link: variant.link,
        thread: thread.map((s) => ({ text: s.text, mediaIds: s.mediaIds })),
        contentWarning: variant.contentWarning,
        language: variant.language,
        state: head?.state ?? 'draft',
        dueAt: head?.dueAt ?? null,
        uri: head?.uri ?? null,
        url: head?.url ?? null,
        error: head?.error ?? null,
        deliveries: own,
      }
    }),
  }
}

import { z } from '@hono/zod-openapi'
import { DELIVERY_STATES } from '../../core/delivery/delivery-state.ts'
import type { loadPost } from '../../store/queries/load-post.ts'

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

export const PostSchema = z
  .object({
    id: z.uuid(),
    provenance: z.enum(['live', 'scheduled', 'suggestion', 'reply']),
    approval: z.enum(['not_needed', 'pending', 'approved']),
    createdAt: z.iso.datetime(),
    variants: z.array(
      z.object({
        id: z.uuid(),
        accountId: z.uuid(),
        text: z.string(),
        thread: z.array(z.object({ text: z.string() })),
        /** The first segment's delivery state, i.e. the variant's own; `draft` when not scheduled. */
        state: z.enum([...DELIVERY_STATES, 'draft']),
        dueAt: z.iso.datetime().nullable(),
        uri: z.string().nullable(),
        url: z.string().nullable(),
        error: z.string().nullable(),
        deliveries: z.array(DeliverySchema),
      }),
    ),
  })
  .openapi('Post')

type Loaded = NonNullable<Awaited<ReturnType<typeof loadPost>>>

export function presentPost({ post, variants, deliveries }: Loaded): z.infer<typeof PostSchema> {
  return {
    id: post.id,
    provenance: post.provenance,
    approval: post.approval,
    createdAt: post.createdAt.toISOString(),
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
      const first = own[0]
      return {
        id: variant.id,
        accountId: variant.accountId,
        text: variant.segments[0]?.text ?? '',
        thread: variant.segments.slice(1).map((s) => ({ text: s.text })),
        state: first?.state ?? 'draft',
        dueAt: first?.dueAt ?? null,
        uri: first?.uri ?? null,
        url: first?.url ?? null,
        error: first?.error ?? null,
        deliveries: own,
      }
    }),
  }
}

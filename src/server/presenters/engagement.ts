import { z } from '@hono/zod-openapi'
import { SNAPSHOT_MARKS } from '../../core/measure/snapshot-marks.ts'
import type { postEngagement } from '../../store/queries/post-engagement.ts'

const SnapshotSchema = z.object({
  mark: z.enum(SNAPSHOT_MARKS),
  takenAt: z.iso.datetime(),
  deleted: z.boolean(),
  replies: z.number().int().nullable(),
  reposts: z.number().int().nullable(),
  quotes: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  people: z.number().int().nullable(),
  conversations: z.number().int().nullable(),
})

export const DeliveryEngagementSchema = z.object({
  deliveryId: z.uuid(),
  variantId: z.uuid(),
  accountId: z.uuid(),
  handle: z.string(),
  network: z.string(),
  segment: z.number().int(),
  uri: z.string(),
  url: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  deleted: z
    .boolean()
    .openapi({ description: 'The network no longer has it: snapshots stopped, history kept' }),
  accountDisconnected: z.boolean(),
  /** The first snapshot taken at each mark; the variants of one post side by side. */
  marks: z.object({
    '1h': SnapshotSchema.nullable(),
    '24h': SnapshotSchema.nullable(),
    '7d': SnapshotSchema.nullable(),
  }),
  latest: SnapshotSchema.nullable(),
  snapshots: z.array(SnapshotSchema).openapi({ description: 'Every snapshot, oldest first' }),
  inbox: z.object({
    replies: z.number().int().openapi({ description: 'Replies to it in the inbox' }),
    answered: z.number().int(),
    medianFirstResponseSeconds: z.number().nullable(),
  }),
})

export const PostEngagementSchema = z
  .object({ postId: z.uuid(), deliveries: z.array(DeliveryEngagementSchema) })
  .openapi('PostEngagement')

type Loaded = NonNullable<Awaited<ReturnType<typeof postEngagement>>>

export function presentPostEngagement(loaded: Loaded): z.infer<typeof PostEngagementSchema> {
  return {
    postId: loaded.postId,
    deliveries: loaded.published.map((d) => {
      const snapshots = loaded.snapshots
        .filter((s) => s.deliveryId === d.id)
        .map((s) => ({
          mark: s.mark,
          takenAt: s.takenAt.toISOString(),
          deleted: s.deleted,
          replies: s.replies,
          reposts: s.reposts,
          quotes: s.quotes,
          likes: s.likes,
          people: s.people,
          conversations: s.conversations,
        }))
      const at = (mark: string) => snapshots.find((s) => s.mark === mark) ?? null
      const answers = loaded.answers.find((a) => a.subjectUri === d.uri)
      return {
        deliveryId: d.id,
        variantId: d.variantId,
        accountId: d.accountId,
        handle: d.handle,
        network: d.network,
        segment: d.segment,
        uri: d.uri ?? '',
        url: d.url,
        publishedAt: d.publishedAt?.toISOString() ?? null,
        deleted: snapshots.some((s) => s.deleted),
        accountDisconnected: d.disconnected,
        marks: { '1h': at('1h'), '24h': at('24h'), '7d': at('7d') },
        latest: snapshots.at(-1) ?? null,
        snapshots,
        inbox: {
          replies: answers?.replies ?? 0,
          answered: answers?.answered ?? 0,
          medianFirstResponseSeconds:
            answers?.medianSeconds == null ? null : Number(answers.medianSeconds),
        },
      }
    }),
  }
}

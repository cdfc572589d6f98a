import { z } from '@hono/zod-openapi'
import type { NetworkCapabilities } from '../../core/compose/network-capabilities.ts'
import type { accounts } from '../../store/schema/index.ts'

/** How the account's network (or its Mastodon instance) counts text: the `CountingRule` of core/text. */
const CountingRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('graphemes'), max: z.number(), maxBytes: z.number().optional() }),
  z.object({ kind: z.literal('mastodon'), max: z.number(), urlLength: z.number() }),
  z.object({ kind: z.literal('x-weighted'), max: z.number() }),
  z.object({
    kind: z.literal('characters'),
    max: z.number(),
    unit: z.enum(['utf16', 'code-points']),
    emoji: z.literal('utf8-bytes').optional(),
    maxLinks: z.number().optional(),
  }),
])

const LimitsSchema = z
  .object({
    text: CountingRuleSchema,
    media: z.object({
      maxImages: z.number(),
      maxImageBytes: z.number(),
      imageTypes: z.array(z.string()),
      altTextMaxLength: z.number(),
    }),
    threads: z.boolean(),
    linkCards: z.boolean(),
    contentWarnings: z.boolean(),
  })
  .openapi('AccountLimits', {
    description: "What the account's network takes, counted as the server checks a variant",
  })

export const AccountSchema = z
  .object({
    id: z.uuid(),
    network: z.string(),
    handle: z.string(),
    displayName: z.string(),
    url: z.string(),
    service: z.string(),
    state: z.enum(['ok', 'needs_attention']),
    reason: z
      .string()
      .nullable()
      .openapi({ description: 'Why it needs attention, and what to do' }),
    lastVerifiedAt: z.iso.datetime().nullable(),
    connectedAt: z.iso.datetime(),
    limits: LimitsSchema.optional(),
  })
  .openapi('Account')

/** Never includes credentials, sealed or not. */
export function presentAccount(
  account: typeof accounts.$inferSelect,
  capabilities?: NetworkCapabilities,
): z.infer<typeof AccountSchema> {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    url: account.url,
    service: account.service,
    state: account.state,
    reason: account.stateReason,
    lastVerifiedAt: account.lastVerifiedAt?.toISOString() ?? null,
    connectedAt: account.createdAt.toISOString(),
    ...(capabilities && {
      limits: {
        text: capabilities.text,
        media: capabilities.media,
        threads: capabilities.threads,
        linkCards: capabilities.linkCards,
        contentWarnings: capabilities.contentWarnings,
      },
    }),
  }
}

import { and, eq, inArray } from 'drizzle-orm'
import { checkVariant, type DraftSegment } from '../core/compose/check-variant.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { NetworkAdapter } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { isConnected } from '../store/queries/connected-accounts.ts'
import { accounts, media, workspaces } from '../store/schema/index.ts'
import type { LinkValue, SegmentValue } from '../store/schema/posts.ts'
import { openAccountSession } from './open-account-session.ts'

export type VariantInput = {
  /** Absent for a draft aimed at `network` before any account of it is chosen. */
  accountId?: string | null
  /** Needed without an account; with one, it must be the account's network. */
  network?: string
  text: string
  mediaIds?: string[]
  link?: LinkValue | null
  thread?: Array<{ text: string; mediaIds?: string[] }>
  contentWarning?: string | null
  language?: string | null
}

export type AccountRow = typeof accounts.$inferSelect

export type PlannedVariant = {
  index: number
  variant: VariantInput
  /** Null for a draft aimed at a network: checked against that network's default limits. */
  account: AccountRow | null
  network: string
  adapter: NetworkAdapter<unknown>
  segments: SegmentValue[]
  /** What would make the network refuse it; empty means it can go. */
  problems: string[]
}

/**
 * Checks each variant by its own network's rules and the account's state: the one place
 * that decides whether a variant could be scheduled. `slot` adds "the account has slots".
 * A variant without an account is checked against its network's default limits and cannot
 * be scheduled. Variants that name no known account or network come back in `unknown`.
 */
export async function planVariants(
  db: Db,
  secret: Buffer,
  networks: NetworkRegistry,
  input: { workspaceId: string; variants: VariantInput[]; slot?: boolean },
): Promise<{ planned: PlannedVariant[]; unknown: Record<number, string> }> {
  const accountIds = [...new Set(input.variants.flatMap((v) => (v.accountId ? [v.accountId] : [])))]
  const rows = accountIds.length
    ? await db
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, input.workspaceId),
            inArray(accounts.id, accountIds),
            isConnected(),
          ),
        )
    : []
  const segmentsOf = (variant: VariantInput): SegmentValue[] => [
    { text: variant.text, mediaIds: variant.mediaIds ?? [] },
    ...(variant.thread ?? []).map((s) => ({ text: s.text, mediaIds: s.mediaIds ?? [] })),
  ]
  const mediaIds = [
    ...new Set(input.variants.flatMap((v) => segmentsOf(v).flatMap((s) => s.mediaIds))),
  ]
  const images = mediaIds.length
    ? await db
        .select({
          id: media.id,
          mimeType: media.mimeType,
          size: media.size,
          altText: media.altText,
        })
        .from(media)
        .where(and(eq(media.workspaceId, input.workspaceId), inArray(media.id, mediaIds)))
    : []
  // The workspace's one rule here is about images' alt text: without images, it is not read.
  const [workspace] = mediaIds.length
    ? await db
        .select({ requireAltText: workspaces.requireAltText })
        .from(workspaces)
        .where(eq(workspaces.id, input.workspaceId))
    : []

  const planned: PlannedVariant[] = []
  const unknown: Record<number, string> = {}
  input.variants.forEach((variant, index) => {
    const account = variant.accountId ? rows.find((r) => r.id === variant.accountId) : null
    const refusal = unknownTarget(variant, account, networks.networkIds)
    if (refusal) {
      unknown[index] = refusal
      return
    }
    const network = account?.network ?? variant.network ?? ''
    const adapter = networks.adapterFor(network)
    const segments = segmentsOf(variant)
    const plan = { index, variant, account: account ?? null, network, adapter, segments }
    let capabilities = adapter.capabilities
    try {
      if (account)
        capabilities = adapter.capabilitiesFor(openAccountSession(db, secret, account).credentials)
    } catch (error) {
      if (!(error instanceof CredentialsUnreadableError)) throw error
      planned.push({ ...plan, problems: [error.message] })
      return
    }
    const missing = segments
      .flatMap((s) => s.mediaIds)
      .filter((id) => !images.some((i) => i.id === id))
    const drafts: DraftSegment[] = segments.map((s) => ({
      text: s.text,
      images: s.mediaIds.flatMap((id) => images.filter((i) => i.id === id)),
    }))
    const problems = [
      ...missing.map((id) => `image ${id} is not in this workspace's media library`),
      ...checkVariant(drafts, capabilities, {
        requireAltText: workspace?.requireAltText ?? true,
        contentWarning: variant.contentWarning ?? undefined,
      }),
    ]
    if (!account)
      problems.push(`No ${adapter.displayName} account chosen yet: pick one to schedule it`)
    else if (account.state !== 'ok')
      problems.push(`${account.handle} needs attention: ${account.stateReason ?? 'reconnect it'}`)
    if (account && input.slot && account.queueSlots.length === 0) {
      problems.push(`${account.handle} has no queue slots: add some, or pick a time`)
    }
    planned.push({ ...plan, problems })
  })
  return { planned, unknown }
}

/** Why a variant names nothing Sous can write for, or null when it does. */
function unknownTarget(
  variant: VariantInput,
  account: AccountRow | null | undefined,
  networkIds: readonly string[],
): string | null {
  if (variant.accountId) {
    if (!account) return 'that account is not connected in this workspace'
    if (variant.network && variant.network !== account.network)
      return `that account is on ${account.network}, not ${variant.network}`
    return null
  }
  if (!variant.network) return 'give an accountId, or the network a draft is for'
  if (!networkIds.includes(variant.network))
    return `Sous does not know the network "${variant.network}" (it knows ${networkIds.join(', ')})`
  return null
}

/** A stored variant as the input it was made from (to check it again before scheduling). */
export function variantInputOf(row: {
  accountId: string | null
  network: string
  segments: SegmentValue[]
  link: LinkValue | null
  contentWarning: string | null
  language: string | null
}): VariantInput {
  const [first, ...thread] = row.segments
  return {
    accountId: row.accountId,
    network: row.network,
    text: first?.text ?? '',
    mediaIds: first?.mediaIds ?? [],
    ...(thread.length ? { thread } : {}),
    ...(row.link ? { link: row.link } : {}),
    ...(row.contentWarning ? { contentWarning: row.contentWarning } : {}),
    ...(row.language ? { language: row.language } : {}),
  }
}

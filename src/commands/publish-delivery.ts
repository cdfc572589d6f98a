import { and, eq, inArray } from 'drizzle-orm'
import { brakeFor, type EngagedBrake } from '../core/brake/brake-applies.ts'
import type { AttemptOutcome } from '../core/delivery/delivery-state.ts'
import { findLinks } from '../core/measure/find-links.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { type ImageAttachment, NetworkError, type PublishRequest } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { engagedBrakes } from '../store/queries/engaged-brakes.ts'
import { textWithShortLinks } from '../store/queries/short-link-text.ts'
import { deliveries, media } from '../store/schema/index.ts'
import { addCardImage, type RequestWithCardImage } from './add-card-image.ts'
import type { Claimed } from './claim-delivery.ts'
import { openAccountSession } from './open-account-session.ts'

/**
 * One attempt at a claimed delivery, outside any transaction (a network call must never hold
 * the database). After an unknown outcome it first asks the network for the post with this
 * publish key, and only sends when the network has none.
 */
export async function publishDelivery(
  db: Db,
  secret: Buffer,
  networks: NetworkRegistry,
  claimed: Claimed,
  /** Reads the engaged brakes. The read must begin after the call, as batchCalls' reads do. */
  readBrakes: () => Promise<EngagedBrake[]> = () => engagedBrakes(db),
): Promise<AttemptOutcome> {
  const { delivery, account } = claimed
  const adapter = networks.adapterFor(account.network)
  try {
    const session = openAccountSession(db, secret, account)
    const request = await addCardImage(
      await buildRequest(db, claimed),
      networks,
      adapter.capabilitiesFor(session.credentials),
    )
    if (delivery.reconcile) {
      const found = await adapter.findPublished(session, delivery.publishKey, request)
      if (found) return { published: found }
    }
    // The last check, right before sending: a brake that committed after this delivery's
    // claim still stops it, unless it lands within this one query's round trip.
    const brake = brakeFor(await readBrakes(), {
      workspaceId: account.workspaceId,
      accountId: account.id,
    })
    if (brake) return { braked: brake.reason }
    return { published: await adapter.publish(session, request) }
  } catch (error) {
    if (error instanceof NetworkError) return { failure: error.failure }
    if (error instanceof CredentialsUnreadableError)
      return { failure: { kind: 'auth_expired', message: error.message } }
    throw error
  }
}

async function buildRequest(db: Db, { delivery, variant }: Claimed): Promise<RequestWithCardImage> {
  const segment = variant.segments[delivery.segment]
  if (!segment) throw new Error(`variant ${variant.id} has no segment ${delivery.segment}`)
  const rows = segment.mediaIds.length
    ? await db.select().from(media).where(inArray(media.id, segment.mediaIds))
    : []
  const images: ImageAttachment[] = segment.mediaIds.flatMap((id) =>
    rows
      .filter((r) => r.id === id)
      .map((r) => ({ bytes: new Uint8Array(r.bytes), mimeType: r.mimeType, altText: r.altText })),
  )
  let replyTo: PublishRequest['replyTo']
  if (delivery.segment > 0) {
    const earlier = await db
      .select({ segment: deliveries.segment, uri: deliveries.uri })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.variantId, variant.id),
          inArray(deliveries.segment, [0, delivery.segment - 1]),
        ),
      )
    const root = earlier.find((d) => d.segment === 0)?.uri
    const parent = earlier.find((d) => d.segment === delivery.segment - 1)?.uri
    if (!root || !parent)
      throw new Error(`segment ${delivery.segment} of ${variant.id} has no published parent`)
    replyTo = { uri: parent, rootUri: root }
  } else if (variant.replyTo) {
    replyTo = variant.replyTo
  }
  return {
    idempotencyKey: delivery.publishKey,
    // With click tracking on, the network receives the short links (counted by its own rules).
    // A text without links has none to shorten: no query (a statement per delivery otherwise).
    text: findLinks(segment.text).length
      ? await textWithShortLinks(db, { ...variant, text: segment.text })
      : segment.text,
    ...(images.length ? { images } : {}),
    ...(variant.link && delivery.segment === 0 ? { link: variant.link } : {}),
    ...(replyTo ? { replyTo: { uri: replyTo.uri, rootUri: replyTo.rootUri } } : {}),
    ...(variant.replyTo?.direct || variant.visibility === 'direct'
      ? { visibility: 'direct' as const }
      : {}),
    ...(variant.language ? { language: variant.language } : {}),
    ...(variant.contentWarning && delivery.segment === 0
      ? { contentWarning: variant.contentWarning }
      : {}),
  }
}

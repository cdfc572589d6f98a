import { z } from '@hono/zod-openapi'
import { DELIVERY_STATES } from '../../core/delivery/delivery-state.ts'
import type { listDeliveryEntries } from '../../store/queries/list-delivery-entries.ts'

export const DeliveryEntrySchema = z
  .object({
    deliveryId: z.uuid(),
    postId: z.uuid(),
    accountId: z.uuid(),
    handle: z.string(),
    network: z.string(),
    segment: z.number().int(),
    text: z.string(),
    state: z.enum(DELIVERY_STATES),
    dueAt: z.iso.datetime(),
    uri: z.string().nullable(),
    url: z.string().nullable(),
    error: z.string().nullable(),
    campaignId: z.uuid().nullable().openapi({ description: 'The campaign its post belongs to' }),
  })
  .openapi('CalendarEntry')

export function presentDeliveryEntries(rows: Awaited<ReturnType<typeof listDeliveryEntries>>) {
  return rows.map(({ delivery: d, handle, network, segments, campaignId }) => ({
    deliveryId: d.id,
    postId: d.postId,
    accountId: d.accountId,
    handle,
    network,
    segment: d.segment,
    text: segments[d.segment]?.text ?? '',
    state: d.state,
    dueAt: d.dueAt.toISOString(),
    uri: d.uri,
    url: d.url,
    error: d.error,
    campaignId,
  }))
}

import { z } from '@hono/zod-openapi'
import type { ListenAlertRow } from '../../store/queries/list-listen-alerts.ts'

export const ListenAlertSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['spike', 'crisis']),
    search: z.object({ id: z.uuid(), name: z.string() }),
    minute: z.iso.datetime(),
    volume: z.number().int().openapi({ description: 'Matches in that minute' }),
    baseline: z.number().openapi({ description: 'Average matches a minute before it' }),
    threshold: z.number().int(),
    samples: z.array(z.object({ uri: z.string(), text: z.string() })),
    brakeId: z.uuid().nullable().openapi({ description: 'The brake crisis watch engaged' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('ListenAlert')

export function presentListenAlert(row: ListenAlertRow) {
  return {
    id: row.id,
    kind: row.kind,
    search: { id: row.searchId, name: row.searchName },
    minute: row.minute.toISOString(),
    volume: row.volume,
    baseline: row.baseline,
    threshold: row.threshold,
    samples: row.samples,
    brakeId: row.brakeId,
    createdAt: row.createdAt.toISOString(),
  }
}

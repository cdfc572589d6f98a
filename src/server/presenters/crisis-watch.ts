import { z } from '@hono/zod-openapi'
import { SENSITIVITIES } from '../../core/listen/detect-spike.ts'
import type { CrisisWatchRow } from '../../store/queries/read-crisis-watch.ts'

export const CrisisWatchSchema = z
  .object({
    id: z.uuid().nullable(),
    enabled: z.boolean(),
    terms: z.array(z.string()).openapi({ description: 'The workspace’s own terms' }),
    builtInTerms: z.number().int().openapi({ description: 'Terms of the built-in lexicon' }),
    sensitivity: z.enum(SENSITIVITIES),
    enabledAt: z.iso.datetime().nullable(),
    lastAlertAt: z.iso.datetime().nullable(),
  })
  .openapi('CrisisWatch')

export function presentCrisisWatch(row: CrisisWatchRow | undefined, builtInTerms: number) {
  return {
    id: row?.id ?? null,
    enabled: row?.enabled ?? false,
    terms: row?.terms ?? [],
    builtInTerms,
    sensitivity: row?.sensitivity ?? 'medium',
    enabledAt: row?.enabledAt?.toISOString() ?? null,
    lastAlertAt: row?.lastAlertAt?.toISOString() ?? null,
  }
}

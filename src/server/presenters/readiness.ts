import { z } from '@hono/zod-openapi'
import { LISTEN_SOURCE_KINDS } from '../../core/listen/source-names.ts'
import type { ListeningLag } from '../../store/queries/read-listening-lag.ts'

export const ListeningReadinessSchema = z
  .object({
    kind: z.enum(LISTEN_SOURCE_KINDS),
    state: z.string(),
    lagSeconds: z.number().int().nullable().openapi({
      description: 'How far behind its source listening is; null until it has read a post',
    }),
    behind: z.boolean().openapi({ description: 'More than 120 s behind' }),
  })
  .openapi('ListeningReadiness')

export const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  problems: z.array(z.string()),
  listening: z.array(ListeningReadinessSchema).openapi({
    description:
      'Each listening source a worker consumes, by kind: an unreachable or lagging source never makes Sous unready',
  }),
})

/**
 * /readyz is public: a source is named by its kind only, since a Mastodon instance's host
 * says where some workspace has accounts (each workspace sees its own on the Listen page).
 */
export function presentListeningReadiness(lag: ListeningLag) {
  return { kind: lag.kind, state: lag.state, lagSeconds: lag.lagSeconds, behind: lag.behind }
}

import { z } from '@hono/zod-openapi'
import type { SourceCursor, SourceRow } from '../../store/queries/list-sources.ts'

export const SourceHealthSchema = z
  .object({
    status: z.enum(['pending', 'ok', 'erroring', 'failing']).openapi({
      description:
        'pending: not polled yet; ok: its last poll worked; erroring: its last polls failed and it is retried with backoff; failing: failing for days, polled once a day',
    }),
    lastPolledAt: z.iso.datetime().nullable(),
    lastSuccessAt: z.iso.datetime().nullable(),
    lastError: z
      .string()
      .nullable()
      .openapi({ description: 'Why the last failed poll failed, in words' }),
    lastErrorAt: z.iso.datetime().nullable(),
    failures: z.number().int().openapi({ description: 'Failed polls in a row' }),
    failingSince: z.iso.datetime().nullable(),
    nextPollAt: z.iso.datetime(),
    polling: z.boolean().openapi({ description: 'A worker is polling it now' }),
  })
  .openapi('SourceHealth')

export const SourceSchema = z
  .object({
    id: z.uuid(),
    url: z.string().openapi({ description: 'The feed; follows permanent redirects' }),
    siteUrl: z.string().nullable(),
    title: z.string(),
    format: z.enum(['rss', 'atom', 'rdf', 'json']).nullable(),
    category: z.string().nullable().openapi({ description: 'OPML folders, e.g. "Tech/Rust"' }),
    weight: z.number(),
    createdAt: z.iso.datetime(),
    health: SourceHealthSchema,
  })
  .openapi('Source')

export type Source = z.infer<typeof SourceSchema>

const iso = (d: Date | null) => d?.toISOString() ?? null

export function presentSource(row: SourceRow, now: Date = new Date()): Source {
  return {
    id: row.id,
    url: row.url,
    siteUrl: row.siteUrl,
    title: row.title,
    format: (row.format as Source['format']) ?? null,
    category: row.category,
    weight: row.weight,
    createdAt: row.createdAt.toISOString(),
    health: {
      status: !row.lastPolledAt
        ? 'pending'
        : row.failing
          ? 'failing'
          : row.failures > 0
            ? 'erroring'
            : 'ok',
      lastPolledAt: iso(row.lastPolledAt),
      lastSuccessAt: iso(row.lastSuccessAt),
      lastError: row.lastError,
      lastErrorAt: iso(row.lastErrorAt),
      failures: row.failures,
      failingSince: iso(row.failingSince),
      nextPollAt: row.nextPollAt.toISOString(),
      polling: row.pollingUntil !== null && row.pollingUntil > now,
    },
  }
}

export const SourceCountsSchema = z
  .object({
    all: z.number().int(),
    pending: z.number().int(),
    ok: z.number().int(),
    erroring: z.number().int(),
    failing: z.number().int(),
  })
  .openapi('SourceCounts', { description: 'The workspace’s sources, in all and by health status' })

export function encodeSourceCursor(cursor: SourceCursor): string {
  return Buffer.from(JSON.stringify([cursor.title, cursor.id])).toString('base64url')
}

export function decodeSourceCursor(text: string): SourceCursor | undefined {
  try {
    const [title, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (typeof title !== 'string' || typeof id !== 'string') return undefined
    // The title goes to the database: a NUL there would be a 500, not a refusal.
    if (title.includes('\u0000') || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(id))
      return undefined
    return { title, id }
  } catch {
    return undefined
  }
}

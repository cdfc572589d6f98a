import { z } from '@hono/zod-openapi'
import type { SnippetRow } from '../../store/queries/list-snippets.ts'
import { pageSchema } from './page.ts'

export const SnippetSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    text: z
      .string()
      .openapi({ description: 'A starting point: the person edits it before sending' }),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    uses: z.number().int().openapi({ description: 'Replies that started from this snippet' }),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('Snippet')

export const SnippetPageSchema = pageSchema(SnippetSchema).openapi('SnippetPage')

export function presentSnippet(row: SnippetRow): z.infer<typeof SnippetSchema> {
  return {
    id: row.id,
    name: row.name,
    text: row.text,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    uses: row.uses,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }
}

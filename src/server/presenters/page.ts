import { z } from '@hono/zod-openapi'

/** Every list answers `{items, next}`: pass `next` back as `before` for the following page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `before` for the next page; null on the last page' }),
  })
}

/** A full page may have a successor; a short one is the last. */
export function presentPage<T>(items: T[], limit: number, cursorOf: (last: T) => string) {
  const last = items.at(-1)
  return { items, next: items.length === limit && last ? cursorOf(last) : null }
}

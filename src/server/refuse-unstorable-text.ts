import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.ts'
import { problemResponse } from './problem.ts'

// PostgreSQL cannot store a NUL character or an unpaired UTF-16 surrogate in text or jsonb:
// refused here, once for every route, instead of a 500 from the database later.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const MESSAGE = 'contains a NUL character or a broken (unpaired surrogate) character'

/** 400 naming the first field (JSON body path or query parameter) that cannot be stored. */
export function refuseUnstorableText(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    for (const [key, value] of url.searchParams) {
      if (UNSTORABLE.test(key) || UNSTORABLE.test(value)) return refuse(c, `query.${safe(key)}`)
    }
    if (c.req.header('content-type')?.includes('json')) {
      let body: unknown
      try {
        body = await c.req.json()
      } catch {
        return next() // malformed JSON: the route's validation says so
      }
      const field = firstUnstorable(body, '')
      if (field !== undefined) return refuse(c, field || '(body)')
    }
    return next()
  }
}

function firstUnstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstUnstorable(item, path ? `${path}.${i}` : String(i))
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${safe(key)}` : safe(key)
      if (UNSTORABLE.test(key)) return here
      const found = firstUnstorable(item, here)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The field name as it can be shown back: the bad characters themselves replaced. */
function safe(key: string): string {
  return key.replace(new RegExp(UNSTORABLE.source, 'g'), '\uFFFD')
}

function refuse(c: Parameters<MiddlewareHandler<AppEnv>>[0], field: string) {
  return problemResponse(c, 400, 'Invalid request', `${field} ${MESSAGE}`, {
    code: 'invalid-request',
    errors: [{ field, message: MESSAGE }],
  })
}

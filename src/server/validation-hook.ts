import type { Hook } from '@hono/zod-openapi'
import type { AppEnv } from './app-env.ts'
import { problemResponse } from './problem.ts'

/** Request validation failures: 400 problem naming every failing field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return
  const errors = result.error.issues.map((issue) => {
    const base = issue.path.join('.')
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : []
    return unknownKeys.length
      ? {
          field: unknownKeys.map((k) => (base ? `${base}.${k}` : k)).join(', '),
          message: 'unknown field',
        }
      : { field: base || '(body)', message: issue.message }
  })
  const fields = errors.map((e) => e.field).join(', ')
  return problemResponse(c, 400, 'Invalid request', `Check these fields: ${fields}`, {
    code: 'invalid-request',
    errors,
  })
}

import { z } from '@hono/zod-openapi'

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

/** The problem responses every route may give, documented once. */
export const problems = {
  400: {
    description: 'Invalid request',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  401: {
    description: 'Not authenticated',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  403: {
    description: 'Forbidden',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: {
    description: 'Not found',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export const WorkspaceParams = z.object({
  ws: z.string().openapi({ param: { name: 'ws', in: 'path' } }),
})

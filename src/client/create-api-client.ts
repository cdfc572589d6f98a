import createClient from 'openapi-fetch'
import type { paths } from './openapi.d.ts'

/**
 * The one typed client of the Sous API, for the web UI and the CLI: paths, parameters,
 * bodies and answers all come from the OpenAPI document (`npm run api:types`).
 */
export function createApiClient(options: {
  baseUrl: string
  headers?: Record<string, string>
  fetch?: typeof globalThis.fetch
}) {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

export type ApiClient = ReturnType<typeof createApiClient>
export type { paths }

/** What a problem+json answer says, for a person: the detail and each field's message. */
export function describeProblem(
  error: unknown,
  status: number,
): { detail: string; fields: Array<{ field: string; message: string }> } {
  const problem = (error ?? {}) as {
    detail?: string
    title?: string
    errors?: Array<{ field: string; message: string }>
  }
  return {
    detail: problem.detail ?? problem.title ?? `HTTP ${status}`,
    fields: Array.isArray(problem.errors) ? problem.errors : [],
  }
}

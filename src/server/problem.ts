import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, InvalidInputError, ThrottledError } from '../core/errors.ts'
import { NetworkError } from '../networks/types.ts'

export type Problem = {
  type: string
  title: string
  status: number
  detail: string
  errors?: Array<{ field: string; message: string }>
}

const STATUS_BY_CODE: Record<string, { status: ContentfulStatusCode; title: string }> = {
  not_found: { status: 404, title: 'Not found' },
  unauthenticated: { status: 401, title: 'Not authenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  conflict: { status: 409, title: 'Conflict' },
  invalid_input: { status: 422, title: 'Unprocessable input' },
  throttled: { status: 429, title: 'Too many requests' },
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail: string,
  extra: Partial<Problem> & { code?: string } = {},
): Response {
  const slug = extra.code ?? title.toLowerCase().replace(/[^a-z]+/g, '-')
  const body: Problem = {
    type: `https://sous.dev/problems/${slug}`,
    title,
    status,
    detail,
    ...extra,
  }
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' })
}

/** The one place errors become HTTP: domain errors by code, anything unknown as a logged 500. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) {
    const mapped = STATUS_BY_CODE[error.code] ?? { status: 400, title: 'Bad request' }
    if (error instanceof ThrottledError) c.header('Retry-After', String(error.retryAfterSeconds))
    const errors =
      error instanceof InvalidInputError
        ? Object.entries(error.fields).map(([field, message]) => ({ field, message }))
        : undefined
    return problemResponse(c, mapped.status, mapped.title, error.message, {
      code: error.code,
      ...(errors?.length ? { errors } : {}),
    })
  }
  if (error instanceof NetworkError) return networkProblem(c, error)
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    const detail = status === 413 ? 'The request body is too large' : error.message || 'Bad request'
    return problemResponse(c, status, status === 413 ? 'Payload too large' : 'Bad request', detail)
  }
  c.var.logger?.error({ err: error }, 'unhandled error')
  return problemResponse(
    c,
    500,
    'Internal error',
    'Something went wrong on our side; it has been logged',
  )
}

const NETWORK_STATUS: Record<
  NetworkError['failure']['kind'],
  { status: ContentfulStatusCode; title: string }
> = {
  rejected: { status: 422, title: 'Refused by the network' },
  auth_expired: { status: 422, title: 'Credentials refused' },
  rate_limited: { status: 429, title: 'Rate limited by the network' },
  transient: { status: 502, title: 'Network unreachable' },
  unknown_outcome: { status: 504, title: 'No answer from the network' },
}

/** A network's refusal or outage, said as the network said it (routes prefix the network's name). */
function networkProblem(c: Context, error: NetworkError): Response {
  const mapped = NETWORK_STATUS[error.failure.kind]
  if (error.failure.kind === 'rate_limited') {
    c.header('Retry-After', String(Math.ceil(error.failure.retryAfterMs / 1000)))
  }
  return problemResponse(c, mapped.status, mapped.title, error.message, {
    code: `network-${error.failure.kind}`,
  })
}

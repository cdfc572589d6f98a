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
  const { code, ...rest } = extra
  const body: Problem = { type: problemType(code ?? title), title, status, detail, ...rest }
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' })
}

/** Every problem type is spelled one way: `https://sous.dev/problems/<kebab-case>`. */
export function problemType(codeOrTitle: string): string {
  const slug = codeOrTitle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `https://sous.dev/problems/${slug}`
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
  if (error instanceof HTTPException) return httpProblem(c, error)
  c.var.logger?.error({ err: error }, 'unhandled error')
  return problemResponse(
    c,
    500,
    'Internal error',
    'Something went wrong on our side; it has been logged',
  )
}

const HTTP_PROBLEMS: Partial<Record<number, { title: string; detail: string }>> = {
  413: { title: 'Payload too large', detail: 'The request body is too large' },
  415: {
    title: 'Unsupported media type',
    detail: 'Send the request body as JSON, with the header Content-Type: application/json',
  },
}

/** Refusals raised by the HTTP layer itself (body parsing, validators). */
function httpProblem(c: Context, error: HTTPException): Response {
  const status = error.status as ContentfulStatusCode
  const known = HTTP_PROBLEMS[status]
  if (status === 413) c.header('Connection', 'close')
  return problemResponse(
    c,
    status,
    known?.title ?? 'Bad request',
    known?.detail ?? (error.message || 'Bad request'),
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

/**
 * What a strict, schema-validating implementation of the Mastodon client API checks before it
 * does anything else (the Idempotency-Key included): each field's documented type, no `null`
 * for an optional field, no field the endpoint does not document, and a status with something
 * in it. Its refusals are 400 with a message and the failed fields, and no `error` field.
 */

export type FieldError = { field: string; message: string }

export class InvalidBody extends Error {
  constructor(readonly errors: FieldError[]) {
    super('The request body does not match the API schema')
    this.name = 'InvalidBody'
  }
}

type Params = Record<string, unknown>
type Check = (value: unknown) => string | undefined

const VISIBILITIES = ['public', 'unlisted', 'private', 'direct']
const QUOTE_POLICIES = ['public', 'followers', 'nobody']
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

const string: Check = (value) => (typeof value === 'string' ? undefined : 'must be a string')
const file: Check = (value) => (value instanceof Blob ? undefined : 'must be a file')
const stringList: Check = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? undefined
    : 'must be an array of strings'
// JSON sends a boolean; a form sends Rails' spellings of one.
const boolean: Check = (value) =>
  typeof value === 'boolean' || ['true', 'false', '1', '0'].includes(String(value))
    ? undefined
    : 'must be a boolean'
const oneOf =
  (allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value)
      ? undefined
      : `must be one of ${allowed.join(', ')}`
const object: Check = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? undefined
    : 'must be an object'
const language: Check = (value) =>
  typeof value === 'string' && LANGUAGE.test(value) ? undefined : 'must be an ISO 639 language code'

/** POST /api/v1/statuses, as documented at docs.joinmastodon.org/methods/statuses/#create. */
const STATUS_FIELDS: Record<string, Check> = {
  status: string,
  media_ids: stringList,
  poll: object,
  in_reply_to_id: string,
  quoted_status_id: string,
  quote_approval_policy: oneOf(QUOTE_POLICIES),
  sensitive: boolean,
  spoiler_text: string,
  visibility: oneOf(VISIBILITIES),
  language,
  scheduled_at: string,
}

/** POST /api/v2/media, as documented at docs.joinmastodon.org/methods/media/#v2. */
const MEDIA_FIELDS: Record<string, Check> = {
  file,
  thumbnail: file,
  description: string,
  focus: string,
}

/** Any `null` in a body: a field without a value is left out, never sent as null. */
export function refuseNulls(params: Params): void {
  const errors = Object.entries(params)
    .filter(([, value]) => value === null)
    .map(([field]) => ({ field, message: 'must not be null: leave an optional field out' }))
  if (errors.length > 0) throw new InvalidBody(errors)
}

function validate(params: Params, fields: Record<string, Check>): FieldError[] {
  return Object.entries(params).flatMap(([field, value]) => {
    const check = fields[field]
    if (!check) return [{ field, message: 'is not a parameter of this endpoint' }]
    const message = check(value)
    return message ? [{ field, message }] : []
  })
}

export function validateStatusBody(params: Params): void {
  const errors = validate(params, STATUS_FIELDS)
  const text = typeof params.status === 'string' ? params.status.trim() : ''
  const media = Array.isArray(params.media_ids) ? params.media_ids.length : 0
  if (text === '' && media === 0) {
    errors.push({ field: 'status', message: 'must not be blank when no media_ids are given' })
  }
  if (errors.length > 0) throw new InvalidBody(errors)
}

export function validateMediaBody(params: Params): void {
  const errors = validate(params, MEDIA_FIELDS)
  if (!('file' in params)) errors.push({ field: 'file', message: 'is required' })
  if (errors.length > 0) throw new InvalidBody(errors)
}

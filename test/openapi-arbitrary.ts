import fc from 'fast-check'

// Request values generated from the API's own OpenAPI document: mostly the right shape with
// hostile contents, sometimes the wrong shape entirely. For the no-500 fuzz test.
type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  format?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  minimum?: number
  maximum?: number
}
export type OpenApiDocument = { components?: { schemas?: Record<string, Schema> } }

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\uD800b',
    '\uDFFF',
    '🧁'.repeat(400),
    'x'.repeat(70_000),
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; drop table users; --",
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:1/',
    '2026-02-30T25:61:00Z',
    '9999-12-31T23:59:59Z',
    '-1',
    'NaN',
  ),
)

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER),
)

export function arbitraryFor(
  schema: Schema | undefined,
  doc: OpenApiDocument,
  ids: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 })
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? ''
    return arbitraryFor(doc.components?.schemas?.[name], doc, ids, depth + 1)
  }
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives)
    return fc.oneof(...alternatives.map((s) => arbitraryFor(s, doc, ids, depth + 1)))
  if (schema.allOf?.[0]) return arbitraryFor(schema.allOf[0], doc, ids, depth + 1)
  const wrong = fc.jsonValue({ maxDepth: 2 })
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, wrong)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  const right = (() => {
    switch (type) {
      case 'string':
        if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid())
        if (schema.format === 'date-time')
          return fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            hostileString,
          )
        return hostileString
      case 'integer':
      case 'number':
        return hostileNumber
      case 'boolean':
        return fc.boolean()
      case 'array':
        return fc.array(arbitraryFor(schema.items, doc, ids, depth + 1), { maxLength: 5 })
      case 'object': {
        const props = Object.entries(schema.properties ?? {})
        const record = Object.fromEntries(
          props.map(([key, value]) => [key, arbitraryFor(value, doc, ids, depth + 1)]),
        )
        const requiredKeys = (schema.required ?? []).filter((k) => k in record)
        return fc.record(record, { requiredKeys })
      }
      default:
        return wrong
    }
  })()
  return fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: wrong })
}

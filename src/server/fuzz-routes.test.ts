import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { arbitraryFor, type OpenApiDocument } from '../../test/openapi-arbitrary.ts'

// Every JSON route of the OpenAPI document, called with generated requests (right shape,
// hostile contents; wrong shapes; real and unknown ids), as the owner and anonymously: no
// answer may be a 5xx. Bounded so the suite stays quick; raise it here for a longer hunt.
const RUNS = 1500
// Ends the owner's session and would turn every later case into a 401.
const SKIPPED = new Set(['POST /api/v1/auth/logout'])

type Operation = {
  key: string
  method: string
  path: string
  body?: unknown
  query: Array<{ name: string; schema?: unknown }>
}

let d: DeliveringApp
let doc: OpenApiDocument & { paths: Record<string, Record<string, Record<string, unknown>>> }
const operations: Operation[] = []
const ids: string[] = []
const serverErrors: string[] = []

beforeAll(async () => {
  d = await startDeliveringApp(['fuzzy'], { worker: false })
  doc = (await d.t.request('GET', '/api/openapi.json')).json
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`
      if (SKIPPED.has(key)) continue
      const requestBody = op.requestBody as
        | { content?: Record<string, { schema?: unknown }> }
        | undefined
      const parameters = (op.parameters ?? []) as Array<{
        in: string
        name: string
        schema?: unknown
      }>
      operations.push({
        key,
        method: method.toUpperCase(),
        path,
        body: requestBody?.content?.['application/json']?.schema,
        query: parameters.filter((p) => p.in === 'query'),
      })
    }
  }
  const post = await d.t.request('POST', `/api/v1/workspaces/${d.owner.workspace.id}/posts`, {
    cookie: d.owner.cookie,
    body: { variants: [{ accountId: d.accounts.fuzzy?.accountId, text: 'a draft to poke at' }] },
  })
  ids.push(d.owner.workspace.id, d.owner.user.id, d.accounts.fuzzy?.accountId ?? '', post.json?.id)
})
afterAll(async () => {
  await d?.close()
})

describe('generated requests to every route', () => {
  it('never get a 5xx answer', { timeout: Math.max(60_000, RUNS * 25) }, async () => {
    expect(operations.length).toBeGreaterThan(30)
    const cases = fc.oneof(
      ...operations.map((op) =>
        fc.record({
          op: fc.constant(op),
          params: fc.array(
            fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 8 })),
            {
              minLength: 4,
              maxLength: 4,
            },
          ),
          body: op.body ? arbitraryFor(op.body as never, doc, ids) : fc.constant(undefined),
          query: fc.array(
            fc.tuple(
              fc.constantFrom('', ...op.query.map((q) => q.name)),
              fc.oneof(
                fc.string({ maxLength: 12 }),
                fc.integer().map(String),
                fc.constantFrom(...ids),
              ),
            ),
            { maxLength: 3 },
          ),
          asOwner: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
        }),
      ),
    )
    await fc.assert(
      fc.asyncProperty(cases, async ({ op, params, body, query, asOwner }) => {
        let i = 0
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'ws' ? d.owner.workspace.id : encodeURIComponent(params[i++ % 4] ?? ''),
        )
        const search = new URLSearchParams(query.filter(([k]) => k)).toString()
        const res = await d.t.request(op.method, search ? `${path}?${search}` : path, {
          cookie: asOwner ? d.owner.cookie : undefined,
          body: op.method === 'GET' || op.method === 'DELETE' ? undefined : (body ?? {}),
        })
        if (res.status >= 500)
          serverErrors.push(`${op.key} → ${res.status} ${res.text.slice(0, 200)}`)
        if (res.status >= 400 && res.status !== 404 && res.headers.get('content-type'))
          expect(res.headers.get('content-type'), op.key).toMatch(/json/)
      }),
      { numRuns: RUNS },
    )
    expect(serverErrors).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, PASSWORD, type TestApp } from '../../../test/app.ts'

// Its own app: a burst of 40 logins also fills the per-IP budget other tests log in from.
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await t.setupOwner('owner@example.com')
})
afterAll(async () => {
  await t.close()
})

describe('a burst of simultaneous logins for one email', () => {
  it('checks at most five of them and locks the email for the rest and after', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) =>
      t.request('POST', '/api/v1/auth/login', {
        body: { email: 'owner@example.com', password: i === 20 ? PASSWORD : `wrong guess ${i}` },
      }),
    )
    const statuses = (await Promise.all(attempts)).map((res) => res.status)
    const checked = statuses.filter((status) => status !== 429)
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(35)
    const after = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: 'wrong again' },
    })
    expect(after.status).toBe(429)
    const right = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: PASSWORD },
    })
    expect(right.status).toBe(429)
  })
})

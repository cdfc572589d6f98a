import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { users } from '../../store/schema/index.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.close()
})

const body = {
  email: 'Founder@Example.com',
  password: 'a long passphrase',
  name: 'Fay',
  workspace: 'Acme',
}

describe('first-run setup through the API', () => {
  it('is open on a fresh instance, creates the owner and logs them in, then closes', async () => {
    expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: true })
    const weak = await t.request('POST', '/api/v1/setup', { body: { ...body, password: 'short' } })
    expect(weak.status).toBe(422)
    expect(weak.json.detail).toMatch(/at least 10 characters/)

    const done = await t.request('POST', '/api/v1/setup', { body })
    expect(done.status).toBe(201)
    expect(done.json.user.email).toBe('founder@example.com')
    expect(done.json.workspace).toMatchObject({ name: 'Acme', role: 'owner' })
    const cookie = done.headers.get('set-cookie')?.split(';')[0] ?? ''
    const me = await t.request('GET', '/api/v1/me', { cookie })
    expect(me.json).toMatchObject({ instanceAdmin: true, via: 'session' })

    expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: false })
    const again = await t.request('POST', '/api/v1/setup', {
      body: { ...body, email: 'intruder@example.com' },
    })
    expect(again.status).toBe(409)
    expect(again.json.detail).toMatch(/already set up/)
    const intruder = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'intruder@example.com'))
    expect(intruder).toEqual([])
  })
})

import type { TestApp } from './app.ts'
import type { MastodonFake } from './peers/mastodon-fake/index.ts'

/** Connects a new account on the fake through Sous's own OAuth routes, as a person would. */
export async function connectMastodonAccount(
  t: TestApp,
  fake: MastodonFake,
  workspaceId: string,
  cookie: string,
  name: string,
) {
  const user = fake.createUser(name)
  const start = await t.request('POST', `/api/v1/workspaces/${workspaceId}/accounts/mastodon`, {
    cookie,
    body: { instance: fake.url },
  })
  if (start.status !== 200) throw new Error(`connect failed: ${start.text}`)
  fake.signIn(user)
  const approved = await fetch(start.json.authorizeUrl, { redirect: 'manual' })
  const callback = new URL(approved.headers.get('location') ?? '')
  const done = await t.request('GET', `${callback.pathname}${callback.search}`)
  if (done.status !== 200) throw new Error(`callback failed: ${done.text}`)
  const list = await t.request('GET', `/api/v1/workspaces/${workspaceId}/accounts`, { cookie })
  const account = list.json.items.find((a: { handle: string }) => a.handle.startsWith(`${name}@`))
  return { user, accountId: account.id as string }
}

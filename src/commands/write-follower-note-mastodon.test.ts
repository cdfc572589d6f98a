import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { startPeopleSync } from './start-people-sync.ts'
import { type SyncStepInput, syncPeopleStep } from './sync-people-step.ts'

// A personal note to a new Mastodon follower, through the real delivery engine to the
// Mastodon CONTRACT FAKE: Mastodon has direct messages, so the note is a direct-visibility
// status that mentions them, and only them.
let app: DeliveringApp
beforeEach(async () => {
  app = await startDeliveringApp(['bakery'])
})
afterEach(async () => {
  await app?.close()
})

async function syncFollowers(accountId: string) {
  const deps = { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET }
  const started = await startPeopleSync(app.t.database, { accountId, list: 'followers' })
  let input: SyncStepInput = { accountId, list: 'followers', ...started }
  for (;;) {
    const outcome = await syncPeopleStep(app.t.database, deps, input, { gapMs: 0 })
    if ('next' in outcome) input = outcome.next
    else if ('done' in outcome) return outcome.done
    else throw new Error(`rate limited for ${outcome.retryAfterMs} ms`)
  }
}

describe('a note to a new Mastodon follower', () => {
  it('goes as a direct message that mentions them, once', async () => {
    const bakery = app.accounts.bakery
    if (!bakery) throw new Error('no account')
    const ws = `/api/v1/workspaces/${app.owner.workspace.id}`
    expect(await syncFollowers(bakery.accountId)).toBe('finished')
    const fan = app.fake.createUser('fan', { displayName: 'Fan' })
    const bystander = app.fake.createUser('bystander')
    app.fake.actor(fan).follow(bakery.user)
    expect(await syncFollowers(bakery.accountId)).toBe('finished')

    const queue = await app.t.request('GET', `${ws}/accounts/${bakery.accountId}/followers`, {
      cookie: app.owner.cookie,
    })
    expect(queue.json.items).toHaveLength(1)
    const card = queue.json.items[0]
    expect(card.note).toEqual({ mention: expect.stringMatching(/^@fan@/), directMessage: true })

    const text = `${card.note.mention} your sourdough photo made my morning, welcome!`
    const sent = await app.t.request(
      'POST',
      `${ws}/accounts/${bakery.accountId}/people/${card.id}/note`,
      { cookie: app.owner.cookie, body: { text } },
    )
    expect(sent.status, sent.text).toBe(201)

    const ours = () =>
      [...app.fake.state.statuses.values()].filter(
        (s) => s.accountId === bakery.user.id && s.text.includes('your sourdough photo'),
      )
    const [status] = await vi.waitFor(() => {
      expect(ours()).toHaveLength(1)
      return ours()
    })
    expect(status).toMatchObject({ visibility: 'direct', mentionIds: [fan.id] })
    // It reached them as a mention; nobody else was told.
    const told = app.fake.state.notifications.filter(
      (n) => n.type === 'mention' && n.statusId === status?.id,
    )
    expect(told.map((n) => n.recipientId)).toEqual([fan.id])
    expect(told.map((n) => n.recipientId)).not.toContain(bystander.id)
    // A worker run later sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(ours()).toHaveLength(1)
  })
})

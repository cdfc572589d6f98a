import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import { ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import { accounts } from '../store/schema/index.ts'
import { pullBrake } from './pull-brake.ts'
import { releaseBrake } from './release-brake.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

const caller = (
  userId: string,
  extra: { instanceAdmin?: boolean; tokenWorkspaceId?: string } = {},
) => ({
  userId,
  instanceAdmin: extra.instanceAdmin ?? false,
  tokenWorkspaceId: extra.tokenWorkspaceId,
})

describe('a person pulling the brake', () => {
  it('resolves an account to its workspace and needs an editor there', async () => {
    const accountId = randomUUID()
    await t.database.db.insert(accounts).values({
      id: accountId,
      workspaceId: owner.workspace.id,
      network: 'mastodon',
      networkAccountId: '1',
      handle: 'shop@example.social',
      url: 'https://example.social/@shop',
      service: 'https://example.social',
      credentials: 'sealed',
    })
    const contributor = await t.member(owner.workspace.id, 'contributor')
    await expect(
      pullBrake(t.database.db, caller(contributor.user.id), {
        scope: 'account',
        accountId,
        reason: 'x',
      }),
    ).rejects.toThrow(ForbiddenError)
    const editor = await t.member(owner.workspace.id, 'editor')
    const brake = await pullBrake(t.database.db, caller(editor.user.id), {
      scope: 'account',
      accountId,
      reason: 'Wrong price',
    })
    expect(brake).toMatchObject({ scope: 'account', workspaceId: owner.workspace.id, accountId })
    await expect(releaseBrake(t.database.db, caller(editor.user.id), brake.id)).rejects.toThrow(
      /admin role/,
    )
    await releaseBrake(t.database.db, caller(owner.user.id), brake.id)
  })

  it('says what is missing, and what does not exist', async () => {
    await expect(
      pullBrake(t.database.db, caller(owner.user.id), { scope: 'workspace', reason: 'x' }),
    ).rejects.toThrow(InvalidInputError)
    await expect(
      pullBrake(t.database.db, caller(owner.user.id), {
        scope: 'account',
        accountId: randomUUID(),
        reason: 'x',
      }),
    ).rejects.toThrow(NotFoundError)
  })

  it('keeps a token to its workspace and the instance brake to instance administrators', async () => {
    const other = await t.otherWorkspace(owner.user.id, 'Side')
    await expect(
      pullBrake(t.database.db, caller(owner.user.id, { tokenWorkspaceId: owner.workspace.id }), {
        scope: 'workspace',
        workspaceId: other.id,
        reason: 'x',
      }),
    ).rejects.toThrow(/own workspace only/)
    await expect(
      pullBrake(t.database.db, caller(owner.user.id), { scope: 'instance', reason: 'x' }),
    ).rejects.toThrow(/instance administrator/)
    const instance = await pullBrake(
      t.database.db,
      caller(owner.user.id, { instanceAdmin: true }),
      {
        scope: 'instance',
        reason: 'Crisis',
      },
    )
    expect(instance.workspaceId).toBeNull()
  })
})

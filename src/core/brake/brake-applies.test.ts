import { describe, expect, it } from 'vitest'
import { brakeFor, type EngagedBrake } from './brake-applies.ts'

const account: EngagedBrake = {
  id: 'a',
  scope: 'account',
  workspaceId: 'w1',
  accountId: 'acct1',
  reason: 'token leak',
}
const workspace: EngagedBrake = {
  id: 'w',
  scope: 'workspace',
  workspaceId: 'w1',
  accountId: null,
  reason: 'client asked',
}
const instance: EngagedBrake = {
  id: 'i',
  scope: 'instance',
  workspaceId: null,
  accountId: null,
  reason: 'crisis',
}

describe('which brake holds a delivery', () => {
  it('an account brake holds only that account', () => {
    expect(brakeFor([account], { workspaceId: 'w1', accountId: 'acct1' })).toBe(account)
    expect(brakeFor([account], { workspaceId: 'w1', accountId: 'acct2' })).toBeNull()
  })

  it('a workspace brake holds every account of that workspace only', () => {
    expect(brakeFor([workspace], { workspaceId: 'w1', accountId: 'acct9' })).toBe(workspace)
    expect(brakeFor([workspace], { workspaceId: 'w2', accountId: 'acct9' })).toBeNull()
  })

  it('the instance brake holds everything, and the widest brake is the one reported', () => {
    expect(
      brakeFor([account, workspace, instance], { workspaceId: 'w1', accountId: 'acct1' }),
    ).toBe(instance)
    expect(brakeFor([account, workspace], { workspaceId: 'w1', accountId: 'acct1' })).toBe(
      workspace,
    )
    expect(brakeFor([], { workspaceId: 'w1', accountId: 'acct1' })).toBeNull()
  })
})

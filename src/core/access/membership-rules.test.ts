import { describe, expect, it } from 'vitest'
import { refuseRoleChange } from './membership-rules.ts'

describe('role changes', () => {
  it('lets an admin manage editors, contributors and analysts', () => {
    expect(
      refuseRoleChange({
        actorRole: 'admin',
        currentRole: 'analyst',
        newRole: 'editor',
        ownerCount: 1,
      }),
    ).toBeNull()
    expect(
      refuseRoleChange({ actorRole: 'admin', currentRole: null, newRole: 'admin', ownerCount: 1 }),
    ).toBeNull()
  })

  it('keeps ownership in owners’ hands', () => {
    expect(
      refuseRoleChange({
        actorRole: 'admin',
        currentRole: 'editor',
        newRole: 'owner',
        ownerCount: 1,
      }),
    ).toMatch(/owner/)
    expect(
      refuseRoleChange({ actorRole: 'admin', currentRole: 'owner', newRole: null, ownerCount: 2 }),
    ).toMatch(/owner/)
    expect(
      refuseRoleChange({
        actorRole: 'owner',
        currentRole: 'editor',
        newRole: 'owner',
        ownerCount: 1,
      }),
    ).toBeNull()
  })

  it('never leaves a workspace without an owner', () => {
    expect(
      refuseRoleChange({
        actorRole: 'owner',
        currentRole: 'owner',
        newRole: 'admin',
        ownerCount: 1,
      }),
    ).toMatch(/at least one owner/)
    expect(
      refuseRoleChange({ actorRole: 'owner', currentRole: 'owner', newRole: null, ownerCount: 2 }),
    ).toBeNull()
  })

  it('refuses editors and below', () => {
    for (const actorRole of ['editor', 'contributor', 'analyst'] as const) {
      expect(
        refuseRoleChange({ actorRole, currentRole: null, newRole: 'analyst', ownerCount: 1 }),
      ).toMatch(/admins/)
    }
  })
})

import { describe, expect, it } from 'vitest'
import type { Role } from '../access/roles.ts'
import { refuseBrake } from './brake-rules.ts'

const member = (role: Role | null) => ({ role, instanceAdmin: false })

describe('who may pull and release the brake', () => {
  it('anyone who publishes may stop a workspace or an account', () => {
    expect(refuseBrake('engage', 'workspace', member('editor'))).toBeNull()
    expect(refuseBrake('engage', 'account', member('owner'))).toBeNull()
    expect(refuseBrake('engage', 'account', member('contributor'))).toMatch(/editor role/)
    expect(refuseBrake('engage', 'workspace', member('analyst'))).toMatch(/editor role/)
  })

  it('resuming takes an admin of the workspace', () => {
    expect(refuseBrake('release', 'workspace', member('editor'))).toMatch(/admin role/)
    expect(refuseBrake('release', 'account', member('admin'))).toBeNull()
  })

  it('the instance-wide brake takes an instance administrator, not a workspace owner', () => {
    expect(refuseBrake('engage', 'instance', member('owner'))).toMatch(/instance administrator/)
    expect(refuseBrake('release', 'instance', member('owner'))).toMatch(/instance administrator/)
    expect(refuseBrake('engage', 'instance', { role: null, instanceAdmin: true })).toBeNull()
    expect(refuseBrake('release', 'instance', { role: null, instanceAdmin: true })).toBeNull()
  })

  it('outsiders get nothing', () => {
    expect(refuseBrake('engage', 'workspace', member(null))).toMatch(/not a member/)
  })
})

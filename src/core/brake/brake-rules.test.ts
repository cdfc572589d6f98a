import { describe, expect, it } from 'vitest'
import { refuseBrake } from './brake-rules.ts'

describe('who may pull and release the brake', () => {
  it('anyone who publishes may stop a workspace or an account', () => {
    expect(refuseBrake('engage', 'workspace', 'editor')).toBeNull()
    expect(refuseBrake('engage', 'account', 'owner')).toBeNull()
    expect(refuseBrake('engage', 'account', 'contributor')).toMatch(/editor role/)
    expect(refuseBrake('engage', 'workspace', 'analyst')).toMatch(/editor role/)
  })

  it('resuming and the instance-wide brake take an admin', () => {
    expect(refuseBrake('release', 'workspace', 'editor')).toMatch(/admin role/)
    expect(refuseBrake('release', 'account', 'admin')).toBeNull()
    expect(refuseBrake('engage', 'instance', 'editor')).toMatch(/admin role/)
    expect(refuseBrake('engage', 'instance', 'owner')).toBeNull()
  })

  it('outsiders get nothing', () => {
    expect(refuseBrake('engage', 'workspace', null)).toMatch(/not a member/)
  })
})

import { describe, expect, it } from 'vitest'
import { describeBrakePuller, describeBrakeScope } from './brake-scope.ts'

describe('a brake in words', () => {
  it('says what it stops', () => {
    expect(describeBrakeScope({ scope: 'instance', accountId: null }, 'Acme')).toBe(
      'every workspace on this Sous',
    )
    expect(describeBrakeScope({ scope: 'workspace', accountId: null }, 'Acme')).toBe(
      'every account of Acme',
    )
    const accounts = [{ id: 'a1', handle: '@news.example.com' }]
    expect(describeBrakeScope({ scope: 'account', accountId: 'a1' }, 'Acme', accounts)).toBe(
      'the account @news.example.com',
    )
    expect(describeBrakeScope({ scope: 'account', accountId: 'a2' }, 'Acme', accounts)).toBe(
      'one account of this workspace',
    )
  })

  it('says who pulled it', () => {
    const members = [{ userId: 'u2', name: '', email: 'eda@example.com' }]
    expect(describeBrakePuller({ engagedBy: 'u1', engagedByLabel: null }, 'u1', members)).toBe(
      'you',
    )
    expect(describeBrakePuller({ engagedBy: 'u2', engagedByLabel: null }, 'u1', members)).toBe(
      'eda@example.com',
    )
    expect(describeBrakePuller({ engagedBy: 'u9', engagedByLabel: null }, 'u1', members)).toBe(
      'an instance administrator',
    )
    expect(
      describeBrakePuller({ engagedBy: null, engagedByLabel: 'Crisis watch: "flood"' }, 'u1'),
    ).toBe('Crisis watch: "flood"')
  })
})

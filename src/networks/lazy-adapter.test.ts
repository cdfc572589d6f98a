import { describe, expect, it } from 'vitest'
import { lazyAdapter } from './lazy-adapter.ts'

type Adapter = { id: string; verify: (who: string) => Promise<string> }

describe('an adapter that loads on first use', () => {
  it('answers what is known without loading, loads once on the first call, and passes the arguments', async () => {
    let loads = 0
    const adapter = lazyAdapter<Adapter>({ id: 'net' }, async () => {
      loads++
      return { id: 'net', verify: async (who) => `hello ${who}` }
    })
    expect(adapter.id).toBe('net')
    expect(loads).toBe(0)
    expect(await Promise.all([adapter.verify('a'), adapter.verify('b')])).toEqual([
      'hello a',
      'hello b',
    ])
    expect(loads).toBe(1)
  })

  it('is not mistaken for a promise, and says which member is missing', async () => {
    const adapter = lazyAdapter<Adapter>({ id: 'net' }, async () => ({ id: 'net' }) as Adapter)
    expect(await adapter).toBe(adapter)
    await expect(adapter.verify('a')).rejects.toThrow('the adapter has no verify()')
  })
})

import { describe, expect, it } from 'vitest'
import { batchCalls } from './batch-calls.ts'

describe('batching calls', () => {
  it('sends calls made together as one batch and answers each its own', async () => {
    const batches: number[][] = []
    const double = batchCalls(async (inputs: number[]) => {
      batches.push(inputs)
      return inputs.map((n) => n * 2)
    })
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6])
    expect(batches).toEqual([[1, 2, 3]])
  })

  it('never lets a call join a batch that began before it: it waits for the next one', async () => {
    const began: Array<{ inputs: string[]; at: number }> = []
    let release: () => void = () => {}
    const read = batchCalls(async (inputs: string[]) => {
      began.push({ inputs, at: performance.now() })
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return inputs
    })
    const first = read('a')
    await new Promise((resolve) => setImmediate(resolve))
    const calledAt = performance.now()
    const late = read('b')
    const later = read('c')
    release()
    await first
    await new Promise((resolve) => setImmediate(resolve))
    release()
    expect(await Promise.all([late, later])).toEqual(['b', 'c'])
    expect(began.map((b) => b.inputs)).toEqual([['a'], ['b', 'c']])
    expect(began[1]?.at).toBeGreaterThanOrEqual(calledAt)
  })

  it('rejects every call of a batch that failed, and goes on with the next', async () => {
    let fail = true
    const run = batchCalls(async (inputs: number[]) => {
      if (fail) throw new Error('database gone')
      return inputs
    })
    const failed = Promise.allSettled([run(1), run(2)])
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected'])
    fail = false
    expect(await run(3)).toBe(3)
  })

  it('splits a long queue into batches of at most the given size', async () => {
    const sizes: number[] = []
    const run = batchCalls(async (inputs: number[]) => {
      sizes.push(inputs.length)
      return inputs
    }, 2)
    await Promise.all([1, 2, 3, 4, 5].map(run))
    expect(sizes).toEqual([2, 2, 1])
  })
})

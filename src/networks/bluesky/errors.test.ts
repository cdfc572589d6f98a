import { XRPCError } from '@atproto/api'
import { describe, expect, it } from 'vitest'
import { TransportError } from '../transport.ts'
import { NetworkError } from '../types.ts'
import { retryAfterMsFrom, toNetworkError } from './errors.ts'

const now = Date.parse('2026-01-01T00:00:00Z')
const failure = (error: unknown, kind: 'read' | 'write' = 'write') =>
  (toNetworkError(error, kind) as NetworkError).failure

describe('Bluesky failures onto the closed set', () => {
  it('maps statuses', () => {
    expect(failure(new XRPCError(401, 'AuthenticationRequired', 'no'))).toEqual({
      kind: 'auth_expired',
      message: 'AuthenticationRequired: no',
    })
    expect(failure(new XRPCError(400, 'ExpiredToken', 'Token has expired')).kind).toBe(
      'auth_expired',
    )
    expect(failure(new XRPCError(400, 'InvalidRequest', 'Invalid record'))).toEqual({
      kind: 'rejected',
      reason: 'Bluesky refused it: InvalidRequest: Invalid record',
    })
    expect(failure(new XRPCError(502, 'UpstreamFailure', 'down')).kind).toBe('transient')
    expect(
      failure(new XRPCError(429, 'RateLimitExceeded', 'slow', { 'retry-after': '5' })).kind,
    ).toBe('rate_limited')
  })

  it('calls a lost answer to a write unknown_outcome, to a read transient', () => {
    const lost = new XRPCError(1, undefined, 'fetch failed', undefined, {
      cause: new TransportError(true, new Error('socket hang up'), true),
    })
    expect(failure(lost, 'write').kind).toBe('unknown_outcome')
    expect(failure(lost, 'read').kind).toBe('transient')
    const neverSent = new TransportError(
      false,
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      true,
    )
    expect(failure(neverSent, 'write').kind).toBe('transient')
  })

  it('lets programming errors through unchanged', () => {
    const bug = new TypeError('undefined is not a function')
    expect(toNetworkError(bug, 'write')).toBe(bug)
    const known = new NetworkError({ kind: 'rejected', reason: 'r' })
    expect(
      toNetworkError(new XRPCError(1, undefined, 'x', undefined, { cause: known }), 'read'),
    ).toBe(known)
  })

  it('waits for the later of Retry-After and ratelimit-reset, at least a second', () => {
    expect(retryAfterMsFrom({ 'retry-after': '10' }, now)).toBe(10_000)
    expect(retryAfterMsFrom({ 'ratelimit-reset': String(now / 1000 + 90) }, now)).toBe(90_000)
    expect(
      retryAfterMsFrom({ 'retry-after': '10', 'ratelimit-reset': String(now / 1000 + 20) }, now),
    ).toBe(20_000)
    expect(retryAfterMsFrom({ 'ratelimit-reset': String(now / 1000 - 5) }, now)).toBe(1000)
    expect(retryAfterMsFrom({}, now)).toBe(60_000)
  })
})

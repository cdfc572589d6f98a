import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CredentialsUnreadableError, openCredentials, sealCredentials } from './seal-credentials.ts'

const secret = randomBytes(32)
const scope = { workspaceId: 'ws-1', accountId: 'acct-1' }
const credentials = { appPassword: 'abcd-efgh-ijkl-mnop', refreshJwt: 'eyJ.refresh.token' }

describe('sealed credentials', () => {
  it('round-trip and contain none of the secret text', () => {
    const sealed = sealCredentials(secret, scope, credentials)
    expect(sealed).not.toContain('abcd-efgh')
    expect(sealed).not.toContain('refresh')
    expect(openCredentials(secret, scope, sealed)).toEqual(credentials)
  })

  it('do not open under another secret, workspace or account', () => {
    const sealed = sealCredentials(secret, scope, credentials)
    expect(() => openCredentials(randomBytes(32), scope, sealed)).toThrow(
      CredentialsUnreadableError,
    )
    expect(() => openCredentials(secret, { ...scope, workspaceId: 'ws-2' }, sealed)).toThrow(
      CredentialsUnreadableError,
    )
    expect(() => openCredentials(secret, { ...scope, accountId: 'acct-2' }, sealed)).toThrow(
      /reconnect the account/,
    )
  })

  it('refuse a tampered value', () => {
    const sealed = sealCredentials(secret, scope, credentials)
    const parts = sealed.split('.')
    const body = Buffer.from(parts[3] ?? '', 'base64url')
    body[0] = (body[0] ?? 0) ^ 1
    parts[3] = body.toString('base64url')
    expect(() => openCredentials(secret, scope, parts.join('.'))).toThrow(
      CredentialsUnreadableError,
    )
  })
})

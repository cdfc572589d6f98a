import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Network credentials at rest: AES-256-GCM under a key derived per workspace (HKDF from
 * the instance secret), with the account id as associated data, so a sealed value copied
 * to another account or workspace does not open. Fails closed: anything that does not
 * authenticate throws `CredentialsUnreadableError`, and the account then needs reconnecting.
 */
const VERSION = 'v1'

export class CredentialsUnreadableError extends Error {
  readonly code = 'credentials_unreadable'
  constructor() {
    super(
      'The stored credentials cannot be decrypted (was the secret key changed or lost?): reconnect the account',
    )
    this.name = 'CredentialsUnreadableError'
  }
}

export type SealScope = { workspaceId: string; accountId: string }

function workspaceKey(secret: Buffer, workspaceId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, workspaceId, 'sous:credentials:v1', 32))
}

export function sealCredentials(secret: Buffer, scope: SealScope, credentials: unknown): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', workspaceKey(secret, scope.workspaceId), iv)
  cipher.setAAD(Buffer.from(scope.accountId))
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

export function openCredentials<T>(secret: Buffer, scope: SealScope, sealed: string): T {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || !body) throw new CredentialsUnreadableError()
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      workspaceKey(secret, scope.workspaceId),
      Buffer.from(iv, 'base64url'),
    )
    decipher.setAAD(Buffer.from(scope.accountId))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
    return JSON.parse(plain.toString('utf8')) as T
  } catch {
    throw new CredentialsUnreadableError()
  }
}

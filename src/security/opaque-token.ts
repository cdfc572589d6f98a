import { createHash, randomBytes } from 'node:crypto'

/**
 * Opaque bearer secrets (session cookies, API tokens, invitation links). 256 random bits,
 * so a plain SHA-256 is enough at rest: there is nothing to brute-force, unlike a password.
 */
export function createOpaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`
  return { token, hash: hashOpaqueToken(token) }
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

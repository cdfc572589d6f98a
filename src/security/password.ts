import { hash, verify } from '@node-rs/argon2'

// argon2id with the library defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// Verified against this when the email is unknown, so both paths cost the same time and
// the response cannot tell whether an account exists.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$x+BKtPO1ajITGGi5aLgtiA$S+Ta8EdPzD78S21ctnpNOSKRHDVB4HO+Hwxifo8eNDg'

export async function verifyPassword(storedHash: string | undefined, password: string) {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password)
    return ok && storedHash !== undefined
  } catch {
    return false
  }
}

export { MIN_PASSWORD_LENGTH } from '../core/access/password-rules.ts'

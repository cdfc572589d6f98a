import { createHmac } from 'node:crypto'

/**
 * What failed logins are stored under: a keyed hash of what was typed as the email, never
 * the text itself (people type passwords into the email field). Keyed with the instance
 * secret so a stolen database cannot be searched for a guessed address.
 */
export function loginEmailKey(secret: Buffer, email: string): string {
  return createHmac('sha256', secret).update(`login-email:${email}`).digest('hex').slice(0, 32)
}

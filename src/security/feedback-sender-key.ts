import { createHmac } from 'node:crypto'

/**
 * What the public feedback form's rate limit counts by: a keyed hash of the sender's address,
 * never the address itself (the inbox is no log of visitors' IPs). Keyed with the instance
 * secret so a stolen database cannot be searched for a guessed address.
 */
export function feedbackSenderKey(secret: Buffer, address: string): string {
  return createHmac('sha256', secret)
    .update(`feedback-sender:${address}`)
    .digest('hex')
    .slice(0, 32)
}

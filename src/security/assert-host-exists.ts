import { lookup } from 'node:dns/promises'
import { InvalidInputError } from '../core/errors.ts'

/**
 * A server address a person typed (an instance, a PDS) must name a host the resolver knows:
 * a typo is their input to fix (422), not an outage of the network (5xx). Any other
 * resolver trouble (a timeout) passes, and the call that follows reports it as an outage.
 */
export async function assertHostExists(url: string, field: string): Promise<void> {
  const { hostname } = new URL(url)
  try {
    await lookup(hostname.replace(/^\[|\]$/g, ''))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND')
      throw new InvalidInputError(`No server is known by the name ${hostname}: check the address`, {
        [field]: 'unknown host',
      })
  }
}
